#!/usr/bin/env bash
# Local PostgreSQL for tests: own cluster in <repo>/.services/postgres, 127.0.0.1 only.
#
#   postgres.sh start|stop|status|url
#
# Env: DLM_PG_PORT (default 54329). Database digital_lm, role dlm/dlm with CREATEDB
# (pytest-django creates test_digital_lm). Durability is switched off (fsync=off):
# this is a throw-away test database.
set -euo pipefail

DLM_SCRIPT_NAME="postgres.sh"
# shellcheck source=_common.sh
source "$(dirname "${BASH_SOURCE[0]}")/_common.sh"

PG_PORT="${DLM_PG_PORT:-54329}"
PG_DB=digital_lm
PG_USER=dlm
PG_PASSWORD=dlm

usage() {
  cat >&2 <<EOF
usage: $DLM_SCRIPT_NAME start|stop|status|url
  start   create the cluster if needed and start it (no-op if running)
  stop    stop it (no-op if stopped)
  status  exit 0 if running, 3 if not
  url     print the DATABASE_URL
env: DLM_PG_PORT (default 54329)
EOF
  exit 2
}

url() { printf 'postgres://%s:%s@127.0.0.1:%s/%s\n' "$PG_USER" "$PG_PASSWORD" "$PG_PORT" "$PG_DB"; }

# Postgres binaries: /usr/lib/postgresql/<major>/bin, installed from Debian if missing.
# Prefers the major version an existing cluster was created with.
find_pg_bin() {
  local want="" d
  [ -f "$DATA/PG_VERSION" ] && want="$(cat "$DATA/PG_VERSION")"
  if [ -n "$want" ] && [ -x "/usr/lib/postgresql/$want/bin/pg_ctl" ]; then
    printf '%s\n' "/usr/lib/postgresql/$want/bin"
    return
  fi
  d="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1 || true)"
  if [ -z "$d" ] || [ ! -x "$d/initdb" ] || [ ! -x "$d/pg_ctl" ]; then
    [ "${1:-}" = install ] || return 1
    apt_install postgresql
    d="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1 || true)"
    if [ -z "$d" ] || [ ! -x "$d/initdb" ]; then
      die "postgresql installed but no initdb under /usr/lib/postgresql/*/bin"
    fi
  fi
  if [ -n "$want" ] && [ "$(basename "$(dirname "$d")")" != "$want" ]; then
    die "cluster $DATA was created by PostgreSQL $want but only $d is installed; delete $STATE to recreate it"
  fi
  printf '%s\n' "$d"
}

setup_paths() {
  ensure_service_user
  STATE="$(service_state_dir postgres)"
  DATA="$STATE/data"
  LOG="$STATE/postgres.log"
  # Unix socket path length is limited (~107 bytes): fall back to a short dir.
  SOCKDIR="$STATE"
  if [ $((${#SOCKDIR} + 20)) -gt 100 ]; then
    SOCKDIR="/tmp/dlm-pg-$(printf '%s' "$STATE" | sha1sum | cut -c1-12)"
  fi
}

pg() { (cd "$STATE" && as_service_user "$@"); }

running() { [ -f "$DATA/postmaster.pid" ] && pg "$PG_BIN/pg_ctl" -D "$DATA" status >/dev/null 2>&1; }

psql_admin() { # psql as the bootstrap superuser over the unix socket
  pg "$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$SOCKDIR" -p "$PG_PORT" -U postgres -d postgres "$@"
}

do_start() {
  with_lock "$STATE/.lock"
  if running; then
    echo "postgres: already running on 127.0.0.1:$PG_PORT"
    return 0
  fi
  mkdir -p "$SOCKDIR"
  chmod 700 "$STATE" "$SOCKDIR"
  give "$STATE" "$SOCKDIR"
  if [ ! -f "$DATA/PG_VERSION" ]; then
    rm -rf "$DATA"
    echo "postgres: initdb $DATA"
    pg "$PG_BIN/initdb" -D "$DATA" -U postgres -E UTF8 --locale=C.UTF-8 \
      --auth-local=trust --auth-host=scram-sha-256 >"$STATE/initdb.log" 2>&1 \
      || { show_log_tail "$STATE/initdb.log"; die "initdb failed"; }
  fi
  if port_open "$PG_PORT"; then
    die "port 127.0.0.1:$PG_PORT is already in use by another process (set DLM_PG_PORT)"
  fi
  local opts="-c listen_addresses=127.0.0.1 -c port=$PG_PORT -c unix_socket_directories=$SOCKDIR"
  opts+=" -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=100"
  : >>"$LOG"
  give "$LOG"
  if ! pg "$PG_BIN/pg_ctl" -D "$DATA" -l "$LOG" -o "$opts" -w -t 60 start >/dev/null; then
    show_log_tail "$LOG"
    die "postgres did not start (log: $LOG)"
  fi
  # Role and database: created if missing (idempotent, also repairs a half-made cluster).
  psql_admin <<SQL
DO \$\$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$PG_USER') THEN
    CREATE ROLE $PG_USER LOGIN CREATEDB PASSWORD '$PG_PASSWORD';
  END IF;
END
\$\$;
SQL
  if [ -z "$(psql_admin -tA -c "SELECT 1 FROM pg_database WHERE datname = '$PG_DB'")" ]; then
    psql_admin -c "CREATE DATABASE $PG_DB OWNER $PG_USER"
  fi
  echo "postgres: running on 127.0.0.1:$PG_PORT ($(url))"
}

do_stop() {
  with_lock "$STATE/.lock"
  if ! running; then
    echo "postgres: not running"
    return 0
  fi
  pg "$PG_BIN/pg_ctl" -D "$DATA" -m fast -w -t 60 stop >/dev/null || die "pg_ctl stop failed (log: $LOG)"
  echo "postgres: stopped"
}

do_status() {
  if running; then
    echo "postgres: running on 127.0.0.1:$PG_PORT, data $DATA"
  else
    echo "postgres: stopped"
    return 3
  fi
}

[ $# -eq 1 ] || usage
case "$1" in
  url) url ;;
  start)
    setup_paths
    PG_BIN="$(find_pg_bin install)"
    do_start
    ;;
  stop | status)
    setup_paths
    if ! PG_BIN="$(find_pg_bin)"; then
      echo "postgres: stopped (PostgreSQL is not installed)"
      [ "$1" = stop ] && exit 0 || exit 3
    fi
    "do_$1"
    ;;
  -h | --help | help) usage ;;
  *) usage ;;
esac
