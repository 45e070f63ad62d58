"""Storage: engines, tables, migrations and the queries built on them."""
