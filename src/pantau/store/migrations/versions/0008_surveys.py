"""Schema changes owned by perception surveys.

Revision ID: 0008_surveys
Revises: 0007_reports
Create Date: 2026-11-27
"""

from __future__ import annotations

revision = "0008_surveys"
down_revision = "0007_reports"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
