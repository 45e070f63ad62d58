"""Schema changes owned by analysis I (relevance, tone, crisis, topic).

Revision ID: 0003_analysis
Revises: 0002_ingest
Create Date: 2026-11-27
"""

from __future__ import annotations

revision = "0003_analysis"
down_revision = "0002_ingest"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
