"""Schema changes owned by reports.

Revision ID: 0007_reports
Revises: 0006_alerts_cases
Create Date: 2026-11-27
"""

from __future__ import annotations

revision = "0007_reports"
down_revision = "0006_alerts_cases"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
