"""Schema changes go through Alembic only; this module runs the migrations."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine

MIGRATIONS_DIR = Path(__file__).parent / "migrations"

#: Objects created by raw SQL in migrations, with no model: the SQLite FTS5 search table
#: with its shadow tables, and the PostgreSQL full-text GIN index (migration 0005).
RAW_SQL_INDEXES = frozenset({"ix_items_search"})


def is_modelled(name: str | None, type_: str, _parent: object) -> bool:
    """Alembic ``include_name`` hook: compare only what the models describe."""
    if type_ == "table" and (name or "").startswith("items_fts"):
        return False
    return not (type_ == "index" and name in RAW_SQL_INDEXES)


def alembic_config(engine: Engine) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["engine"] = engine
    return config


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Bring the database at ``engine`` to ``revision`` (default: the newest)."""
    command.upgrade(alembic_config(engine), revision)


def downgrade(engine: Engine, revision: str) -> None:
    command.downgrade(alembic_config(engine), revision)
