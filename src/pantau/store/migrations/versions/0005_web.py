"""Schema changes owned by dashboard, users and roles: full-text search and query indexes.

SQLite gets an FTS5 external-content table over items(title, body) kept in sync by
triggers; PostgreSQL gets a GIN index over the same text's tsvector. The FTS5 table and
its shadow tables are invisible to the models (the drift test ignores ``items_fts*``).

Revision ID: 0005_web
Revises: 0004_entities
Create Date: 2026-11-27
"""

from __future__ import annotations

from alembic import op

revision = "0005_web"
down_revision = "0004_entities"
branch_labels = None
depends_on = None

# Covering indexes: the list and the overview filter and count from these alone, without
# reading analyses' JSON-heavy rows or items' texts (10-20x fewer pages at a million items).
COVER_ANALYSES = ["item_id", "relevant", "tone", "crisis_category", "topic", "needs_review",
                  "headline_mismatch", "province"]  # fmt: skip
COVER_ITEMS = ["published_at", "id", "outlet_id", "story_id", "channel"]

SQLITE_UP = (
    """CREATE VIRTUAL TABLE IF NOT EXISTS items_fts USING fts5(
        title, body, content='items', content_rowid='id',
        tokenize='unicode61 remove_diacritics 2')""",
    """CREATE TRIGGER IF NOT EXISTS items_fts_ai AFTER INSERT ON items BEGIN
        INSERT INTO items_fts(rowid, title, body) VALUES (new.id, new.title, new.body);
    END""",
    """CREATE TRIGGER IF NOT EXISTS items_fts_ad AFTER DELETE ON items BEGIN
        INSERT INTO items_fts(items_fts, rowid, title, body)
        VALUES ('delete', old.id, old.title, old.body);
    END""",
    """CREATE TRIGGER IF NOT EXISTS items_fts_au AFTER UPDATE OF title, body ON items BEGIN
        INSERT INTO items_fts(items_fts, rowid, title, body)
        VALUES ('delete', old.id, old.title, old.body);
        INSERT INTO items_fts(rowid, title, body) VALUES (new.id, new.title, new.body);
    END""",
    "INSERT INTO items_fts(items_fts) VALUES ('rebuild')",
)
SQLITE_DOWN = (
    "DROP TRIGGER IF EXISTS items_fts_au",
    "DROP TRIGGER IF EXISTS items_fts_ad",
    "DROP TRIGGER IF EXISTS items_fts_ai",
    "DROP TABLE IF EXISTS items_fts",
)
# Must match pantau.store.search.PG_DOCUMENT exactly, or the planner will not use the index.
PG_UP = (
    "CREATE INDEX IF NOT EXISTS ix_items_search ON items USING gin "
    "(to_tsvector('simple'::regconfig, coalesce(title, '') || ' ' || coalesce(body, '')))",
)
PG_DOWN = ("DROP INDEX IF EXISTS ix_items_search",)


def upgrade() -> None:
    with op.batch_alter_table("analyses") as batch:
        batch.create_index("ix_analyses_analysed_at", ["analysed_at"])
        batch.create_index("ix_analyses_cover", COVER_ANALYSES)
    with op.batch_alter_table("items") as batch:
        batch.create_index("ix_items_period_cover", COVER_ITEMS)
    for statement in SQLITE_UP if op.get_bind().dialect.name == "sqlite" else PG_UP:
        op.execute(statement)


def downgrade() -> None:
    for statement in SQLITE_DOWN if op.get_bind().dialect.name == "sqlite" else PG_DOWN:
        op.execute(statement)
    with op.batch_alter_table("items") as batch:
        batch.drop_index("ix_items_period_cover")
    with op.batch_alter_table("analyses") as batch:
        batch.drop_index("ix_analyses_cover")
        batch.drop_index("ix_analyses_analysed_at")
