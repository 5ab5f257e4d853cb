# What backup.sh and restore.sh share (sourced, not run): the archive's layout, the PostgreSQL
# client programs, the database and the media folder they work on.
#
# An archive (dlm-backup-<UTC date and time>.tar.gz) holds:
#   database.dump   pg_dump's custom format (schema and data, no owners or grants)
#   media/          the media folder: uploaded documents, images, renditions
#   SHA256SUMS      the sha256 of every other file, as `sha256sum -c` reads it

die() { printf '%s: %s\n' "$(basename "$0")" "$*" >&2; exit 1; }

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
: "${DATABASE_URL:?set DATABASE_URL to the PostgreSQL database (postgres://user:pass@host:port/name)}"
case "$DATABASE_URL" in
  postgres://* | postgresql://*) ;;
  *) die "DATABASE_URL must point at PostgreSQL (SQLite: copy db.sqlite3 and media/ instead)" ;;
esac
MEDIA_ROOT="${DJANGO_MEDIA_ROOT:-$ROOT/media}"

# The client programs of the newest PostgreSQL installed (Debian's layout, as the test rig
# uses), else those on the PATH. pg_dump must be at least as new as the server.
pg_program() {
  local bin
  bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1 || true)"
  if [ -n "$bin" ] && [ -x "$bin/$1" ]; then
    printf '%s\n' "$bin/$1"
  elif command -v "$1" >/dev/null; then
    command -v "$1"
  else
    die "$1 not found: install PostgreSQL's client programs (Debian: postgresql-client)"
  fi
}

# The project's Python: its virtualenv when there is one.
python_bin() {
  if [ -x "$ROOT/.venv/bin/python" ]; then printf '%s\n' "$ROOT/.venv/bin/python"; else command -v python3; fi
}
