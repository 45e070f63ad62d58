"""Schema changes owned by analysis II (units, people, quotes, key messages, stories).

Revision ID: 0004_entities
Revises: 0003_analysis
Create Date: 2026-11-27
"""

from __future__ import annotations

revision = "0004_entities"
down_revision = "0003_analysis"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
