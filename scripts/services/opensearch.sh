#!/usr/bin/env bash
# Local single-node OpenSearch for tests, 127.0.0.1 only, with ICU analysis.
#
#   opensearch.sh start|stop|crash|status|url|selftest
#
# The distribution is org.opensearch.distribution.integ-test-zip:opensearch (Maven
# Central, cached in ~/.m2), unpacked once into the cache dir (see _common.sh).
# That zip ships only the transport-netty4 module, so this script adds:
#   * analysis-icu: built from ./opensearch-icu (our own plugin on Lucene's
#     lucene-analysis-icu + icu4j; the upstream plugin is not on Maven Central);
#   * the analysis-common module (OpenSearch's jar from Maven Central), needed by
#     Wagtail's index settings (asciifolding, lowercase, ngram, edge_ngram...).
# No security plugin is in that zip: plain http, no auth.
# The steps shared with elasticsearch.sh are in _engine.sh.
#
# Env: DLM_OPENSEARCH_PORT (http, default 9200), DLM_OPENSEARCH_TRANSPORT_PORT
# (default 9390), DLM_OPENSEARCH_HEAP (default 512m), DLM_OPENSEARCH_JAVA_HOME,
# DLM_OPENSEARCH_START_TIMEOUT (seconds, default 180).
set -euo pipefail

DLM_SCRIPT_NAME="opensearch.sh"
# shellcheck source=_engine.sh
source "$(dirname "${BASH_SOURCE[0]}")/_engine.sh"

ENGINE=opensearch
ENGINE_ENV=DLM_OPENSEARCH
ENGINE_VERSION=2.19.6
ENGINE_ARTIFACT="org.opensearch.distribution.integ-test-zip:opensearch:$ENGINE_VERSION:zip"
ENGINE_PORT="${DLM_OPENSEARCH_PORT:-9200}"
ENGINE_TRANSPORT_PORT="${DLM_OPENSEARCH_TRANSPORT_PORT:-9390}"
ENGINE_HEAP="${DLM_OPENSEARCH_HEAP:-512m}"
ENGINE_TIMEOUT="${DLM_OPENSEARCH_START_TIMEOUT:-180}"
ENGINE_URL="http://127.0.0.1:$ENGINE_PORT"
ENGINE_JAVA_MIN=17
ENGINE_JAVA_MAX=21
JAVA_HOME_OVERRIDE="${DLM_OPENSEARCH_JAVA_HOME:-}"
ENGINE_PLUGIN_JAVA_HOME_VAR=OPENSEARCH_JAVA_HOME
PLUGIN_PROJECT="$DLM_SERVICES_BIN_DIR/opensearch-icu"
PLUGIN_NAME=analysis-icu
PLUGIN_MODULES=analysis-common # OpenSearch's jar, fetched by the plugin's build
CLUSTER_NAME=dlm-test
NODE_NAME=dlm-node-1
PID_MARKER="org.opensearch.bootstrap.OpenSearch"
USAGE_START="prepare (first run: download, build ICU plugin) and start; no-op if running"
USAGE_SELFTEST="check ICU analysis (Thai, Lao, folding, transform) on the running node"
USAGE_ENV="DLM_OPENSEARCH_PORT (default 9200), DLM_OPENSEARCH_HEAP (default 512m)"
USAGE_MORE=""

engine_artifact_missing() { die "could not get $ENGINE_ARTIFACT from Maven"; }

engine_check_distribution() {
  if compgen -G "$1/plugins/*security*" >/dev/null; then
    die "the distribution unexpectedly contains a security plugin"
  fi
}

engine_yml() { :; }

engine_jvm_options() {
  # Relative paths in jvm.options are resolved against the cwd: make them absolute.
  sed -i \
    -e "s#file=logs/gc.log:\([^:]*\):filecount=[0-9]*,filesize=[0-9a-z]*#file=$LOGDIR/gc.log:\1:filecount=2,filesize=16m#" \
    -e "s#HeapDumpPath=data#HeapDumpPath=$STATE/tmp#" \
    -e "s#ErrorFile=logs/#ErrorFile=$LOGDIR/#" \
    "$1/jvm.options"
  printf -- '-Xms%s\n-Xmx%s\n' "$ENGINE_HEAP" "$ENGINE_HEAP" >"$1/jvm.options.d/dlm-heap.options"
}

# The launcher runs in the foreground of a background subshell until the node stops.
engine_launch() {
  (
    cd "$STATE"
    unset OPENSEARCH_JAVA_OPTS JAVA_TOOL_OPTIONS _JAVA_OPTIONS
    export OPENSEARCH_PATH_CONF="$STATE/config" OPENSEARCH_JAVA_HOME="$JH" OPENSEARCH_TMPDIR="$STATE/tmp"
    exec_as_service_user setsid "$ENGINE_HOME/bin/opensearch" -p "$PIDFILE" >"$1" 2>&1 </dev/null
  ) &
  LAUNCHER=$!
}

engine_selftest_checks() {
  check "icu_tokenizer Thai" 3 "ไทย" '{"tokenizer":"icu_tokenizer","text":"ภาษาไทยง่ายนิดเดียว"}'
  check "icu_tokenizer Lao" 2 "ລາວ" '{"tokenizer":"icu_tokenizer","text":"ສະບາຍດີປະເທດລາວ"}'
  check "icu_folding" 1 "resume" '{"tokenizer":"keyword","filter":["icu_folding"],"text":"RÉSUMÉ"}'
  check "icu_normalizer token filter (name=nfc)" 1 "ﬁ" '{"tokenizer":"keyword","filter":[{"type":"icu_normalizer","name":"nfc"}],"text":"ﬁ"}'
  check "icu_normalizer char filter" 1 "fi" '{"tokenizer":"keyword","char_filter":["icu_normalizer"],"text":"ﬁ"}'
  check "icu_transform Traditional-Simplified" 1 "汉语" '{"tokenizer":"keyword","filter":[{"type":"icu_transform","id":"Traditional-Simplified"}],"text":"漢語"}'
  check "analysis-common (asciifolding, edge_ngram)" 3 "caf" '{"tokenizer":"standard","filter":["lowercase","asciifolding",{"type":"edge_ngram","min_gram":1,"max_gram":15}],"text":"Café"}'
}

engine_main "$@"
