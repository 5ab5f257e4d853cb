#!/usr/bin/env bash
# Local single-node OpenSearch for tests, 127.0.0.1 only, with ICU analysis.
#
#   opensearch.sh start|stop|status|url|selftest
#
# The distribution is org.opensearch.distribution.integ-test-zip:opensearch (Maven
# Central, cached in ~/.m2), unpacked once into the cache dir (see _common.sh).
# That zip ships only the transport-netty4 module, so this script adds:
#   * analysis-icu: built from ./opensearch-icu (our own plugin on Lucene's
#     lucene-analysis-icu + icu4j; the upstream plugin is not on Maven Central);
#   * the analysis-common module (OpenSearch's jar from Maven Central), needed by
#     Wagtail's index settings (asciifolding, lowercase, ngram, edge_ngram...).
# No security plugin is in that zip: plain http, no auth.
#
# Env: DLM_OPENSEARCH_PORT (http, default 9200), DLM_OPENSEARCH_TRANSPORT_PORT
# (default 9390), DLM_OPENSEARCH_HEAP (default 512m), DLM_OPENSEARCH_JAVA_HOME,
# DLM_OPENSEARCH_START_TIMEOUT (seconds, default 180).
set -euo pipefail

DLM_SCRIPT_NAME="opensearch.sh"
# shellcheck source=_common.sh
source "$(dirname "${BASH_SOURCE[0]}")/_common.sh"

OS_VERSION=2.19.6
OS_ARTIFACT="org.opensearch.distribution.integ-test-zip:opensearch:$OS_VERSION:zip"
OS_PORT="${DLM_OPENSEARCH_PORT:-9200}"
OS_TRANSPORT_PORT="${DLM_OPENSEARCH_TRANSPORT_PORT:-9390}"
OS_HEAP="${DLM_OPENSEARCH_HEAP:-512m}"
OS_TIMEOUT="${DLM_OPENSEARCH_START_TIMEOUT:-180}"
OS_URL="http://127.0.0.1:$OS_PORT"
ICU_PROJECT="$DLM_SERVICES_BIN_DIR/opensearch-icu"
CLUSTER_NAME=dlm-test
PID_MARKER="org.opensearch.bootstrap.OpenSearch"

usage() {
  cat >&2 <<EOF
usage: $DLM_SCRIPT_NAME start|stop|crash|status|url|selftest
  start     prepare (first run: download, build ICU plugin) and start; no-op if running
  stop      stop it (no-op if stopped)
  crash     kill it with SIGKILL, as a power cut would (for fault-injection tests)
  status    exit 0 if running, 3 if not
  url       print the base URL ($OS_URL)
  selftest  check ICU analysis (Thai, Lao, folding, transform) on the running node
env: DLM_OPENSEARCH_PORT (default 9200), DLM_OPENSEARCH_HEAP (default 512m)
EOF
  exit 2
}

setup_paths() {
  ensure_service_user
  STATE="$(service_state_dir opensearch)"
  PIDFILE="$STATE/opensearch.pid"
  LOGDIR="$STATE/logs"
}

running() { pid_alive "$PIDFILE" "$PID_MARKER"; }

java_home() {
  local jh
  if ! jh="$(find_java_home 17 21 "${DLM_OPENSEARCH_JAVA_HOME:-}")"; then
    apt_install openjdk-17-jre-headless
    jh="$(find_java_home 17 21 "${DLM_OPENSEARCH_JAVA_HOME:-}")" || die "no Java 17..21 found"
  fi
  printf '%s\n' "$jh"
}

# Cached, ready-to-run OpenSearch home with plugins installed. Keyed on the
# version and a hash of the ICU plugin sources, so editing them rebuilds.
prepare_home() {
  local cache key tmp lucene zip
  cache="$(cache_dir)"
  key="$( (cd "$ICU_PROJECT" && find pom.xml src -type f | LC_ALL=C sort | xargs sha1sum; echo "$OS_VERSION") | sha1sum | cut -c1-10)"
  OS_HOME="$cache/opensearch-$OS_VERSION-$key"
  [ -f "$OS_HOME/.dlm-ready" ] && return 0

  with_cache_lock "$cache/.opensearch.lock"
  [ -f "$OS_HOME/.dlm-ready" ] && return 0
  need_cmd unzip unzip
  echo "opensearch: preparing $OS_HOME (first run only)"
  tmp="$cache/.tmp-opensearch-$$"
  rm -rf "$tmp"
  mkdir -p "$tmp"
  mvn_quiet dependency:copy -Dartifact="$OS_ARTIFACT" -DoutputDirectory="$tmp" \
    || die "could not get $OS_ARTIFACT from Maven"
  unzip -q "$tmp/opensearch-$OS_VERSION.zip" -d "$tmp"
  rm -f "$tmp/opensearch-$OS_VERSION.zip"
  local home="$tmp/opensearch-$OS_VERSION"
  [ -x "$home/bin/opensearch" ] || die "unexpected layout of $OS_ARTIFACT"
  if compgen -G "$home/plugins/*security*" >/dev/null; then
    die "the distribution unexpectedly contains a security plugin"
  fi

  # Lucene version bundled by this OpenSearch -> lucene-analysis-icu version.
  lucene="$(ls "$home/lib" | sed -n 's/^lucene-core-\(.*\)\.jar$/\1/p')"
  [ -n "$lucene" ] || die "no lucene-core jar in $home/lib"
  zip="$cache/analysis-icu-$OS_VERSION-$key.zip"
  if [ ! -f "$zip" ] || [ ! -d "$cache/analysis-common-$OS_VERSION" ]; then
    echo "opensearch: building analysis-icu plugin (Lucene $lucene)"
    JAVA_HOME="$JH" mvn_quiet -f "$ICU_PROJECT/pom.xml" clean package \
      -Dopensearch.version="$OS_VERSION" -Dlucene.version="$lucene" \
      || die "building $ICU_PROJECT failed"
    cp "$ICU_PROJECT/target/analysis-icu-$OS_VERSION.zip" "$zip.tmp"
    mv "$zip.tmp" "$zip"
    rm -rf "$cache/analysis-common-$OS_VERSION"
    cp -r "$ICU_PROJECT/target/modules/analysis-common" "$cache/analysis-common-$OS_VERSION"
  fi
  cp -r "$cache/analysis-common-$OS_VERSION" "$home/modules/analysis-common"
  OPENSEARCH_JAVA_HOME="$JH" "$home/bin/opensearch-plugin" install --batch "file://$zip" >"$tmp/plugin-install.log" 2>&1 \
    || { show_log_tail "$tmp/plugin-install.log"; die "installing analysis-icu failed"; }
  chmod -R a+rX "$home"
  touch "$home/.dlm-ready"
  rm -rf "$OS_HOME"
  mv "$home" "$OS_HOME"
  rm -rf "$tmp"
  # Older prepared homes of this version (other plugin sources) are left alone:
  # a node started from another checkout may still use them.
}

write_config() {
  local conf="$STATE/config"
  rm -rf "$conf"
  cp -r "$OS_HOME/config" "$conf"
  mkdir -p "$STATE/data" "$LOGDIR" "$STATE/tmp"
  cat >"$conf/opensearch.yml" <<EOF
# Generated by scripts/services/opensearch.sh on every start: edit the script.
cluster.name: $CLUSTER_NAME
node.name: dlm-node-1
network.host: 127.0.0.1
http.port: $OS_PORT
transport.port: $OS_TRANSPORT_PORT
discovery.type: single-node
path.data: $STATE/data
path.logs: $LOGDIR
# The disk may be fairly full: never block writes because of watermarks.
cluster.routing.allocation.disk.threshold_enabled: false
action.destructive_requires_name: false
EOF
  # Relative paths in jvm.options are resolved against the cwd: make them absolute.
  sed -i \
    -e "s#file=logs/gc.log:\([^:]*\):filecount=[0-9]*,filesize=[0-9a-z]*#file=$LOGDIR/gc.log:\1:filecount=2,filesize=16m#" \
    -e "s#HeapDumpPath=data#HeapDumpPath=$STATE/tmp#" \
    -e "s#ErrorFile=logs/#ErrorFile=$LOGDIR/#" \
    "$conf/jvm.options"
  mkdir -p "$conf/jvm.options.d"
  printf -- '-Xms%s\n-Xmx%s\n' "$OS_HEAP" "$OS_HEAP" >"$conf/jvm.options.d/dlm-heap.options"
  give "$STATE"
}

health() { curl -fsS --max-time 5 "$OS_URL/_cluster/health?wait_for_status=yellow&timeout=2s" 2>/dev/null; }

do_start() {
  with_lock "$STATE/.lock"
  if running; then
    echo "opensearch: already running at $OS_URL"
    return 0
  fi
  JH="$(java_home)"
  prepare_home
  if port_open "$OS_PORT"; then
    die "port 127.0.0.1:$OS_PORT is already in use by another process (set DLM_OPENSEARCH_PORT)"
  fi
  if port_open "$OS_TRANSPORT_PORT"; then
    die "port 127.0.0.1:$OS_TRANSPORT_PORT is already in use (set DLM_OPENSEARCH_TRANSPORT_PORT)"
  fi
  write_config
  # Keep one previous server log, so that errors shown below are from this start.
  [ -f "$LOGDIR/$CLUSTER_NAME.log" ] && mv -f "$LOGDIR/$CLUSTER_NAME.log" "$LOGDIR/$CLUSTER_NAME.log.prev"
  local console="$LOGDIR/console.log" log="$LOGDIR/$CLUSTER_NAME.log" started=$SECONDS pid launcher
  rm -f "$PIDFILE"
  (
    cd "$STATE"
    unset OPENSEARCH_JAVA_OPTS JAVA_TOOL_OPTIONS _JAVA_OPTIONS
    export OPENSEARCH_PATH_CONF="$STATE/config" OPENSEARCH_JAVA_HOME="$JH" OPENSEARCH_TMPDIR="$STATE/tmp"
    exec_as_service_user setsid "$OS_HOME/bin/opensearch" -p "$PIDFILE" >"$console" 2>&1 </dev/null
  ) &
  launcher=$!
  # Wait for cluster health yellow/green; fail early if the process dies.
  until running && health | grep -q '"status":"\(green\|yellow\)"'; do
    if ! kill -0 "$launcher" 2>/dev/null && ! running; then
      show_log_tail "$log" 40
      show_log_tail "$console" 30
      die "opensearch exited during startup (logs: $LOGDIR)"
    fi
    if [ $((SECONDS - started)) -gt "$OS_TIMEOUT" ]; then
      show_log_tail "$log" 40
      show_log_tail "$console" 30
      stop_pid "$PIDFILE" "$PID_MARKER" opensearch 30
      kill "$launcher" 2>/dev/null || true
      die "opensearch not healthy after ${OS_TIMEOUT}s (logs: $LOGDIR); stopped it"
    fi
    sleep 1
  done
  pid="$(cat "$PIDFILE")"
  echo "opensearch: running at $OS_URL (pid $pid, started in $((SECONDS - started))s)"
}

do_stop() {
  with_lock "$STATE/.lock"
  if ! running; then
    rm -f "$PIDFILE"
    echo "opensearch: not running"
    return 0
  fi
  stop_pid "$PIDFILE" "$PID_MARKER" opensearch 60
  echo "opensearch: stopped"
}

do_status() {
  if running; then
    echo "opensearch: running at $OS_URL (pid $(cat "$PIDFILE")), state $STATE"
  else
    echo "opensearch: stopped"
    return 3
  fi
}

# analyze JSON-BODY: POST _analyze and print the tokens, one a line.
analyze() {
  curl -fsS --max-time 20 -H 'Content-Type: application/json' -X POST "$OS_URL/_analyze" -d "$1" \
    | grep -o '"token":"[^"]*"' | sed 's/^"token":"//; s/"$//'
}

do_selftest() {
  running || die "opensearch is not running (start it first)"
  need_cmd curl curl
  local failed=0 out n
  check() { # check NAME MIN-TOKENS EXPECTED-SUBSTRING BODY
    if ! out="$(analyze "$4")"; then
      echo "FAIL $1: request failed" >&2
      failed=1
      return
    fi
    n="$(printf '%s\n' "$out" | grep -c . || true)"
    if [ "$n" -lt "$2" ] || ! printf '%s\n' "$out" | grep -qF -- "$3"; then
      echo "FAIL $1: got $n token(s): $(printf '%s' "$out" | tr '\n' ' ')" >&2
      failed=1
    else
      echo "ok   $1: $(printf '%s' "$out" | tr '\n' '|')"
    fi
  }
  check "icu_tokenizer Thai" 3 "ไทย" '{"tokenizer":"icu_tokenizer","text":"ภาษาไทยง่ายนิดเดียว"}'
  check "icu_tokenizer Lao" 2 "ລາວ" '{"tokenizer":"icu_tokenizer","text":"ສະບາຍດີປະເທດລາວ"}'
  check "icu_folding" 1 "resume" '{"tokenizer":"keyword","filter":["icu_folding"],"text":"RÉSUMÉ"}'
  check "icu_normalizer token filter (name=nfc)" 1 "ﬁ" '{"tokenizer":"keyword","filter":[{"type":"icu_normalizer","name":"nfc"}],"text":"ﬁ"}'
  check "icu_normalizer char filter" 1 "fi" '{"tokenizer":"keyword","char_filter":["icu_normalizer"],"text":"ﬁ"}'
  check "icu_transform Traditional-Simplified" 1 "汉语" '{"tokenizer":"keyword","filter":[{"type":"icu_transform","id":"Traditional-Simplified"}],"text":"漢語"}'
  check "analysis-common (asciifolding, edge_ngram)" 3 "caf" '{"tokenizer":"standard","filter":["lowercase","asciifolding",{"type":"edge_ngram","min_gram":1,"max_gram":15}],"text":"Café"}'
  [ "$failed" -eq 0 ] || die "selftest failed"
  echo "opensearch: selftest passed"
}

[ $# -eq 1 ] || usage
case "$1" in
  url) echo "$OS_URL" ;;
  start)
    need_cmd curl curl
    setup_paths
    do_start
    ;;
  stop | status | selftest)
    setup_paths
    "do_$1"
    ;;
  crash)
    setup_paths
    if running; then
      kill -KILL "$(tr -dc '0-9' <"$PIDFILE")"
      while running; do sleep 0.2; done
      rm -f "$PIDFILE"
      echo "opensearch: killed"
    fi
    ;;
  *) usage ;;
esac
