"""Schema changes owned by dashboard, users and roles.

Revision ID: 0005_web
Revises: 0004_entities
Create Date: 2026-11-27
"""

from __future__ import annotations

revision = "0005_web"
down_revision = "0004_entities"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
