#!/usr/bin/env bash
# Local single-node Elasticsearch 8 for tests, 127.0.0.1 only, security off.
#
#   elasticsearch.sh start|stop|crash|status|url|selftest
#
# The distribution is org.elasticsearch.distribution.integ-test-zip:elasticsearch
# (Maven Central, cached in ~/.m2), unpacked once into the cache dir (see
# _common.sh). That zip has only the transport-netty4, x-pack-core,
# x-pack-security and apm modules; analysis-common, analysis-icu and rest-root
# are not on Maven Central. So this script builds and installs ./elasticsearch-extras
# (our own plugin): ICU analysis, the analysis-common subset Wagtail's index
# settings use (asciifolding, ngram, edge_ngram, keyword/whitespace tokenizers,
# html_strip) and GET/HEAD / for clients' info()/ping(). Anything else from
# analysis-common (e.g. synonym, stemmer, word_delimiter) is NOT available.
# The steps shared with opensearch.sh are in _engine.sh.
#
# Env: DLM_ELASTICSEARCH_PORT (http, default 9202), DLM_ELASTICSEARCH_TRANSPORT_PORT
# (default 9392), DLM_ELASTICSEARCH_HEAP (default 512m), DLM_ELASTICSEARCH_JAVA_HOME,
# DLM_ELASTICSEARCH_START_TIMEOUT (seconds, default 180).
set -euo pipefail

DLM_SCRIPT_NAME="elasticsearch.sh"
# shellcheck source=_engine.sh
source "$(dirname "${BASH_SOURCE[0]}")/_engine.sh"

ENGINE=elasticsearch
ENGINE_ENV=DLM_ELASTICSEARCH
ENGINE_VERSION=8.19.3
ENGINE_ARTIFACT="org.elasticsearch.distribution.integ-test-zip:elasticsearch:$ENGINE_VERSION:zip"
ENGINE_PORT="${DLM_ELASTICSEARCH_PORT:-9202}"
ENGINE_TRANSPORT_PORT="${DLM_ELASTICSEARCH_TRANSPORT_PORT:-9392}"
ENGINE_HEAP="${DLM_ELASTICSEARCH_HEAP:-512m}"
ENGINE_TIMEOUT="${DLM_ELASTICSEARCH_START_TIMEOUT:-180}"
ENGINE_URL="http://127.0.0.1:$ENGINE_PORT"
ENGINE_JAVA_MIN=17 # Elasticsearch 8.19 runs on Java 17..24
ENGINE_JAVA_MAX=24
JAVA_HOME_OVERRIDE="${DLM_ELASTICSEARCH_JAVA_HOME:-}"
ENGINE_PLUGIN_JAVA_HOME_VAR=ES_JAVA_HOME
PLUGIN_PROJECT="$DLM_SERVICES_BIN_DIR/elasticsearch-extras"
PLUGIN_NAME=dlm-extras
PLUGIN_MODULES=""
CLUSTER_NAME=dlm-es-test
NODE_NAME=dlm-es-node-1
PID_MARKER="org.elasticsearch.bootstrap.Elasticsearch"
USAGE_START="prepare (first run: download, build plugin) and start; no-op if running"
USAGE_SELFTEST="check the analysis components on the running node"
USAGE_ENV="DLM_ELASTICSEARCH_PORT (default 9202), DLM_ELASTICSEARCH_HEAP (default 512m)"
USAGE_MORE="exit code 3 from start: Elasticsearch cannot be had from the reachable registries"

# all.sh carries on without Elasticsearch when start exits 3.
engine_artifact_missing() {
  rm -rf "$1"
  echo "$DLM_SCRIPT_NAME: Elasticsearch is not available from the reachable registries: tried Maven Central $ENGINE_ARTIFACT" >&2
  exit 3
}

engine_check_distribution() { :; }

engine_yml() { echo "xpack.security.enabled: false"; }

engine_jvm_options() {
  printf -- '-Xms%s\n-Xmx%s\n-XX:HeapDumpPath=%s\n' "$ENGINE_HEAP" "$ENGINE_HEAP" "$STATE/tmp" >"$1/jvm.options.d/dlm.options"
}

# -d: the launcher returns once the node is up (or has failed), then exits.
engine_launch() {
  if ! (
    cd "$LOGDIR"
    unset ES_JAVA_OPTS JAVA_TOOL_OPTIONS _JAVA_OPTIONS
    export ES_PATH_CONF="$STATE/config" ES_JAVA_HOME="$JH" ES_TMPDIR="$STATE/tmp"
    exec_as_service_user setsid timeout "$ENGINE_TIMEOUT" "$ENGINE_HOME/bin/elasticsearch" -d -p "$PIDFILE" >"$1" 2>&1 </dev/null
  ); then
    show_log_tail "$LOGDIR/$CLUSTER_NAME.log" 40
    show_log_tail "$1" 30
    stop_pid "$PIDFILE" "$PID_MARKER" elasticsearch 30
    die "elasticsearch did not start (logs: $LOGDIR)"
  fi
  LAUNCHER=""
}

engine_selftest_checks() {
  check "icu_tokenizer Thai" 3 "ไทย" '{"tokenizer":"icu_tokenizer","text":"ภาษาไทยง่ายนิดเดียว"}'
  check "icu_tokenizer Lao" 2 "ລາວ" '{"tokenizer":"icu_tokenizer","text":"ສະບາຍດີປະເທດລາວ"}'
  check "icu_folding" 1 "resume" '{"tokenizer":"keyword","filter":["icu_folding"],"text":"RÉSUMÉ"}'
  check "icu_normalizer char filter" 1 "fi" '{"tokenizer":"keyword","char_filter":["icu_normalizer"],"text":"ﬁ"}'
  check "icu_transform Traditional-Simplified" 1 "汉语" '{"tokenizer":"keyword","filter":[{"type":"icu_transform","id":"Traditional-Simplified"}],"text":"漢語"}'
  check "asciifolding + edge_ngram" 3 "caf" '{"tokenizer":"standard","filter":["lowercase","asciifolding",{"type":"edge_ngram","min_gram":1,"max_gram":15}],"text":"Café"}'
  check "ngram tokenizer" 3 "el" '{"tokenizer":{"type":"ngram","min_gram":2,"max_gram":2,"token_chars":["letter"]},"text":"hello"}'
  if curl -fsS --max-time 5 "$ENGINE_URL/" | grep -q "\"number\" : \"$ENGINE_VERSION\""; then
    echo "ok   GET /"
  else
    echo "FAIL GET /" >&2
    failed=1
  fi
}

engine_main "$@"
