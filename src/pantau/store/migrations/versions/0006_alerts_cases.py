"""Schema changes owned by alerts, notifications and crisis cases.

Revision ID: 0006_alerts_cases
Revises: 0005_web
Create Date: 2026-11-27
"""

from __future__ import annotations

revision = "0006_alerts_cases"
down_revision = "0005_web"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
