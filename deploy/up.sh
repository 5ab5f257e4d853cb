#!/usr/bin/env bash
# The whole production topology on this machine, for tests and trials (deploy/topology.toml):
# installs what is missing (Python packages as scripts/bootstrap.sh does; Redis, nginx and
# Varnish from Debian's packages), then starts PostgreSQL, Redis, two OpenSearch nodes, the
# release steps, two web nodes, the workers, the scheduler and the front on 127.0.0.1.
#
#   deploy/up.sh [--demo] [--no-front]     stop with: .venv/bin/python -m deploy.topology down
#
# Env: DLM_TOPOLOGY_DIR (state; .services/topology), DLM_TOPOLOGY_PORT_OFFSET (20000: the
# site on 20080, web nodes on 28000 and 28001).
set -euo pipefail
cd "$(dirname "$0")/.."

DLM_SCRIPT_NAME="deploy/up.sh"
# shellcheck source=../scripts/services/_common.sh
source scripts/services/_common.sh

scripts/bootstrap.sh
need_cmd redis-server redis-server
need_cmd nginx nginx
need_cmd varnishd varnish
exec .venv/bin/python -m deploy.topology up "$@"
