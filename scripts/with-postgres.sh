#!/usr/bin/env bash
# Run a command with a throwaway PostgreSQL server on loopback.
# Exports PANTAU_TEST_POSTGRES_URL for the command, then stops and removes the server.
# Usage: scripts/with-postgres.sh COMMAND [ARGS...]
set -euo pipefail

bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
if [ -z "$bindir" ] || [ ! -x "$bindir/initdb" ]; then
  echo "with-postgres: PostgreSQL server not installed (apt-get install postgresql)" >&2
  exit 3
fi

port=${PANTAU_PG_PORT:-54329}
dir=$(mktemp -d /tmp/pantau-pg.XXXXXX)
run_as=()
if [ "$(id -u)" = "0" ]; then
  # initdb refuses to run as root: the server runs as the postgres system user.
  chown postgres:postgres "$dir"
  run_as=(runuser -u postgres --)
fi
cleanup() {
  "${run_as[@]}" "$bindir/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$dir"
}
trap cleanup EXIT

"${run_as[@]}" "$bindir/initdb" -D "$dir/data" -U pantau --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
"${run_as[@]}" "$bindir/pg_ctl" -D "$dir/data" -l "$dir/log" -w \
  -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
  start >/dev/null

export PANTAU_TEST_POSTGRES_URL="postgresql+psycopg://pantau@127.0.0.1:$port/postgres"
"$@"
