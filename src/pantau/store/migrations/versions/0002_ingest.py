"""Schema changes owned by ingest (sources and ingestion): items.feed_id for feed health.

Revision ID: 0002_ingest
Revises: 0001_core
Create Date: 2026-11-27
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002_ingest"
down_revision = "0001_core"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("items", schema=None) as batch_op:
        batch_op.add_column(sa.Column("feed_id", sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f("ix_items_feed_id"), ["feed_id"], unique=False)
        batch_op.create_foreign_key(
            batch_op.f("fk_items_feed_id_feeds"), "feeds", ["feed_id"], ["id"], ondelete="SET NULL"
        )


def downgrade() -> None:
    with op.batch_alter_table("items", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_items_feed_id_feeds"), type_="foreignkey")
        batch_op.drop_index(batch_op.f("ix_items_feed_id"))
        batch_op.drop_column("feed_id")
