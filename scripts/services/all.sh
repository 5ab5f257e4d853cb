#!/usr/bin/env bash
# All test services: PostgreSQL, OpenSearch and (when it can be had) Elasticsearch.
#
#   all.sh start|stop|status|selftest|env
#
#   eval "$(scripts/services/all.sh env)"   # DATABASE_URL, DLM_OPENSEARCH_URL[, DLM_ELASTICSEARCH_URL]
#
# Env: DLM_SERVICES - which services (default "postgres opensearch elasticsearch");
# plus each script's own variables (ports, heap; see the scripts).
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)"
SERVICES="${DLM_SERVICES:-postgres opensearch elasticsearch}"

usage() {
  cat >&2 <<EOF
usage: all.sh start|stop|status|selftest|env
  start     start $SERVICES (elasticsearch is skipped if it cannot be had)
  stop      stop them
  status    exit 0 if all are running, 3 if not
  selftest  run the search engines' selftests
  env       print export lines: eval "\$(scripts/services/all.sh env)"
env: DLM_SERVICES (default "postgres opensearch elasticsearch")
EOF
  exit 2
}

for s in $SERVICES; do
  case "$s" in
    postgres | opensearch | elasticsearch) ;;
    *) echo "all.sh: error: unknown service '$s' in DLM_SERVICES" >&2; exit 2 ;;
  esac
done

do_start() {
  local s rc started=$SECONDS
  for s in $SERVICES; do
    rc=0
    "$HERE/$s.sh" start || rc=$?
    if [ "$rc" -eq 3 ] && [ "$s" = elasticsearch ]; then
      echo "all.sh: elasticsearch skipped (not available)" >&2
    elif [ "$rc" -ne 0 ]; then
      echo "all.sh: error: $s failed to start (exit $rc)" >&2
      exit 1
    fi
  done
  echo "all.sh: services up in $((SECONDS - started))s"
}

do_stop() {
  local s rc=0 order=""
  for s in $SERVICES; do order="$s $order"; done # reverse order
  for s in $order; do "$HERE/$s.sh" stop || rc=1; done
  return "$rc"
}

do_status() {
  local s rc=0
  for s in $SERVICES; do "$HERE/$s.sh" status || rc=3; done
  return "$rc"
}

do_selftest() {
  local s rc=0
  for s in $SERVICES; do
    case "$s" in
      opensearch) "$HERE/opensearch.sh" selftest || rc=1 ;;
      elasticsearch)
        if "$HERE/elasticsearch.sh" status >/dev/null; then
          "$HERE/elasticsearch.sh" selftest || rc=1
        fi
        ;;
    esac
  done
  return "$rc"
}

do_env() {
  local s
  for s in $SERVICES; do
    case "$s" in
      postgres) printf 'export DATABASE_URL=%q\n' "$("$HERE/postgres.sh" url)" ;;
      opensearch) printf 'export DLM_OPENSEARCH_URL=%q\n' "$("$HERE/opensearch.sh" url)" ;;
      elasticsearch)
        # Only when it runs: tests can skip on a missing DLM_ELASTICSEARCH_URL.
        if "$HERE/elasticsearch.sh" status >/dev/null 2>&1; then
          printf 'export DLM_ELASTICSEARCH_URL=%q\n' "$("$HERE/elasticsearch.sh" url)"
        fi
        ;;
    esac
  done
}

[ $# -eq 1 ] || usage
case "$1" in
  start | stop | status | selftest | env) "do_$1" ;;
  *) usage ;;
esac
