"""Schema changes owned by analysis II (units, people, quotes, key messages, stories).

Adds ``story_signatures``: one MinHash signature per item, so story clustering is
incremental (a new item is compared with stored signatures, never re-read texts).

Revision ID: 0004_entities
Revises: 0003_analysis
Create Date: 2026-11-27
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004_entities"
down_revision = "0003_analysis"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "story_signatures",
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column("story_id", sa.Integer(), nullable=True),
        sa.Column("signature", sa.LargeBinary(), nullable=False),
        sa.Column("shingles", sa.Integer(), nullable=False),
        sa.Column("published_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("units", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["item_id"],
            ["items.id"],
            name=op.f("fk_story_signatures_item_id_items"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["story_id"],
            ["stories.id"],
            name=op.f("fk_story_signatures_story_id_stories"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("item_id", name=op.f("pk_story_signatures")),
    )
    with op.batch_alter_table("story_signatures") as batch:
        batch.create_index(batch.f("ix_story_signatures_story_id"), ["story_id"], unique=False)
        batch.create_index(
            batch.f("ix_story_signatures_published_at"), ["published_at"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("story_signatures") as batch:
        batch.drop_index(batch.f("ix_story_signatures_published_at"))
        batch.drop_index(batch.f("ix_story_signatures_story_id"))
    op.drop_table("story_signatures")
