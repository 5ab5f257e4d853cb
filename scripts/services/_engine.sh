# shellcheck shell=bash
# The steps opensearch.sh and elasticsearch.sh share (sourced, not executed):
# a single-node search engine from a Maven Central zip plus a plugin of ours,
# prepared once in the cache dir, started/stopped/checked on 127.0.0.1.
#
# An engine script sets DLM_SCRIPT_NAME, sources this file (which sources
# _common.sh), sets the variables and defines the functions below, then calls
# `engine_main "$@"`.
#
# Variables:
#   ENGINE                 name: messages, state dir, pid file, cache entries,
#                          the zip's top directory, bin/ENGINE, ENGINE.yml
#   ENGINE_ENV             prefix of its environment variables (DLM_OPENSEARCH)
#   ENGINE_VERSION ENGINE_ARTIFACT (Maven coordinates of the zip)
#   ENGINE_PORT ENGINE_TRANSPORT_PORT ENGINE_HEAP ENGINE_TIMEOUT (seconds)
#   ENGINE_URL             http://127.0.0.1:ENGINE_PORT
#   ENGINE_JAVA_MIN ENGINE_JAVA_MAX, JAVA_HOME_OVERRIDE (the user's choice or "")
#   ENGINE_PLUGIN_JAVA_HOME_VAR  the variable bin/ENGINE-plugin takes Java from
#   PLUGIN_PROJECT         Maven project of our plugin, built with
#                          -DENGINE.version=... -Dlucene.version=... into
#                          target/PLUGIN_NAME-ENGINE_VERSION.zip
#   PLUGIN_NAME
#   PLUGIN_MODULES         modules the project also builds (target/modules/M),
#                          copied into the distribution's modules/ ("" if none)
#   CLUSTER_NAME NODE_NAME PID_MARKER (in the server's command line)
#   USAGE_START USAGE_SELFTEST USAGE_ENV USAGE_MORE  the help lines that differ
# Functions:
#   engine_artifact_missing TMP   the zip could not be had: report, exit
#   engine_check_distribution HOME  refuse an unexpected unpacked zip
#   engine_yml                    ENGINE.yml lines after path.logs
#   engine_jvm_options CONF       JVM options (heap...) into CONF
#   engine_launch CONSOLE         start the node as the service user, output
#                                 to CONSOLE; set LAUNCHER to the pid of a
#                                 launcher still running, or "" if it returned
#   engine_selftest_checks        `check` calls (and any others setting failed=1)

# shellcheck source=_common.sh
source "$(dirname "${BASH_SOURCE[0]}")/_common.sh"

usage() {
  cat >&2 <<EOF
usage: $DLM_SCRIPT_NAME start|stop|crash|status|url|home|selftest
  start     $USAGE_START
  stop      stop it (no-op if stopped)
  crash     kill it with SIGKILL, as a power cut would (for fault-injection tests)
  status    exit 0 if running, 3 if not
  url       print the base URL ($ENGINE_URL)
  home      prepare the distribution if needed; print its directory and its Java home
  selftest  $USAGE_SELFTEST
env: $USAGE_ENV
EOF
  [ -z "$USAGE_MORE" ] || printf '%s\n' "$USAGE_MORE" >&2
  exit 2
}

setup_paths() {
  ensure_service_user
  STATE="$(service_state_dir "$ENGINE")"
  PIDFILE="$STATE/$ENGINE.pid"
  LOGDIR="$STATE/logs"
}

running() { pid_alive "$PIDFILE" "$PID_MARKER"; }

java_home() {
  local jh
  if ! jh="$(find_java_home "$ENGINE_JAVA_MIN" "$ENGINE_JAVA_MAX" "$JAVA_HOME_OVERRIDE")"; then
    apt_install openjdk-17-jre-headless
    jh="$(find_java_home "$ENGINE_JAVA_MIN" "$ENGINE_JAVA_MAX" "$JAVA_HOME_OVERRIDE")" \
      || die "no Java $ENGINE_JAVA_MIN..$ENGINE_JAVA_MAX found"
  fi
  printf '%s\n' "$jh"
}

# Cached, ready-to-run home with our plugin installed, in ENGINE_HOME. Keyed on
# the version and a hash of the plugin sources, so editing them rebuilds.
prepare_home() {
  local cache key tmp lucene zip m
  cache="$(cache_dir)"
  key="$( (cd "$PLUGIN_PROJECT" && find pom.xml src -type f | LC_ALL=C sort | xargs sha1sum; echo "$ENGINE_VERSION") | sha1sum | cut -c1-10)"
  ENGINE_HOME="$cache/$ENGINE-$ENGINE_VERSION-$key"
  [ -f "$ENGINE_HOME/.dlm-ready" ] && return 0

  with_cache_lock "$cache/.$ENGINE.lock"
  [ -f "$ENGINE_HOME/.dlm-ready" ] && return 0
  need_cmd unzip unzip
  echo "$ENGINE: preparing $ENGINE_HOME (first run only)"
  tmp="$cache/.tmp-$ENGINE-$$"
  rm -rf "$tmp"
  mkdir -p "$tmp"
  mvn_quiet dependency:copy -Dartifact="$ENGINE_ARTIFACT" -DoutputDirectory="$tmp" \
    || engine_artifact_missing "$tmp"
  unzip -q "$tmp/$ENGINE-$ENGINE_VERSION.zip" -d "$tmp"
  rm -f "$tmp/$ENGINE-$ENGINE_VERSION.zip"
  local home="$tmp/$ENGINE-$ENGINE_VERSION"
  [ -x "$home/bin/$ENGINE" ] || die "unexpected layout of $ENGINE_ARTIFACT"
  engine_check_distribution "$home"

  # Lucene version bundled by this engine -> version of Lucene's modules the plugin uses.
  # shellcheck disable=SC2012 # jar names are plain
  lucene="$(ls "$home/lib" | sed -n 's/^lucene-core-\(.*\)\.jar$/\1/p')"
  [ -n "$lucene" ] || die "no lucene-core jar in $home/lib"
  zip="$cache/$PLUGIN_NAME-$ENGINE_VERSION-$key.zip"
  local built=1
  for m in $PLUGIN_MODULES; do [ -d "$cache/$m-$ENGINE_VERSION" ] || built=0; done
  if [ ! -f "$zip" ] || [ "$built" -eq 0 ]; then
    echo "$ENGINE: building $PLUGIN_NAME plugin (Lucene $lucene)"
    JAVA_HOME="$JH" mvn_quiet -f "$PLUGIN_PROJECT/pom.xml" clean package \
      -D"$ENGINE.version=$ENGINE_VERSION" -Dlucene.version="$lucene" \
      || die "building $PLUGIN_PROJECT failed"
    cp "$PLUGIN_PROJECT/target/$PLUGIN_NAME-$ENGINE_VERSION.zip" "$zip.tmp"
    mv "$zip.tmp" "$zip"
    for m in $PLUGIN_MODULES; do
      rm -rf "$cache/$m-$ENGINE_VERSION"
      cp -r "$PLUGIN_PROJECT/target/modules/$m" "$cache/$m-$ENGINE_VERSION"
    done
  fi
  for m in $PLUGIN_MODULES; do cp -r "$cache/$m-$ENGINE_VERSION" "$home/modules/$m"; done
  env "$ENGINE_PLUGIN_JAVA_HOME_VAR=$JH" "$home/bin/$ENGINE-plugin" install --batch "file://$zip" >"$tmp/plugin-install.log" 2>&1 \
    || { show_log_tail "$tmp/plugin-install.log"; die "installing $PLUGIN_NAME failed"; }
  chmod -R a+rX "$home"
  touch "$home/.dlm-ready"
  rm -rf "$ENGINE_HOME"
  mv "$home" "$ENGINE_HOME"
  rm -rf "$tmp"
  # Older prepared homes of this version (other plugin sources) are left alone:
  # a node started from another checkout may still use them.
}

write_config() {
  local conf="$STATE/config"
  rm -rf "$conf"
  cp -r "$ENGINE_HOME/config" "$conf"
  mkdir -p "$STATE/data" "$LOGDIR" "$STATE/tmp"
  {
    cat <<EOF
# Generated by scripts/services/$ENGINE.sh on every start: edit the script.
cluster.name: $CLUSTER_NAME
node.name: $NODE_NAME
network.host: 127.0.0.1
http.port: $ENGINE_PORT
transport.port: $ENGINE_TRANSPORT_PORT
discovery.type: single-node
path.data: $STATE/data
path.logs: $LOGDIR
EOF
    engine_yml
    cat <<EOF
# The disk may be fairly full: never block writes because of watermarks.
cluster.routing.allocation.disk.threshold_enabled: false
action.destructive_requires_name: false
EOF
  } >"$conf/$ENGINE.yml"
  mkdir -p "$conf/jvm.options.d"
  engine_jvm_options "$conf"
  give "$STATE"
}

health() { curl -fsS --max-time 5 "$ENGINE_URL/_cluster/health?wait_for_status=yellow&timeout=2s" 2>/dev/null; }

do_start() {
  with_lock "$STATE/.lock"
  if running; then
    echo "$ENGINE: already running at $ENGINE_URL"
    return 0
  fi
  JH="$(java_home)"
  prepare_home
  if port_open "$ENGINE_PORT"; then
    die "port 127.0.0.1:$ENGINE_PORT is already in use by another process (set ${ENGINE_ENV}_PORT)"
  fi
  if port_open "$ENGINE_TRANSPORT_PORT"; then
    die "port 127.0.0.1:$ENGINE_TRANSPORT_PORT is already in use (set ${ENGINE_ENV}_TRANSPORT_PORT)"
  fi
  write_config
  # Keep one previous server log, so that errors shown below are from this start.
  [ -f "$LOGDIR/$CLUSTER_NAME.log" ] && mv -f "$LOGDIR/$CLUSTER_NAME.log" "$LOGDIR/$CLUSTER_NAME.log.prev"
  local console="$LOGDIR/console.log" log="$LOGDIR/$CLUSTER_NAME.log" started=$SECONDS pid
  rm -f "$PIDFILE"
  LAUNCHER=""
  engine_launch "$console"
  # Wait for cluster health yellow/green; fail early if the process dies. The
  # console is worth showing only while a launcher writes to it.
  until running && health | grep -q '"status":"\(green\|yellow\)"'; do
    if { [ -z "$LAUNCHER" ] || ! kill -0 "$LAUNCHER" 2>/dev/null; } && ! running; then
      show_log_tail "$log" 40
      [ -z "$LAUNCHER" ] || show_log_tail "$console" 30
      die "$ENGINE exited during startup (logs: $LOGDIR)"
    fi
    if [ $((SECONDS - started)) -gt "$ENGINE_TIMEOUT" ]; then
      show_log_tail "$log" 40
      [ -z "$LAUNCHER" ] || show_log_tail "$console" 30
      stop_pid "$PIDFILE" "$PID_MARKER" "$ENGINE" 30
      [ -z "$LAUNCHER" ] || kill "$LAUNCHER" 2>/dev/null || true
      die "$ENGINE not healthy after ${ENGINE_TIMEOUT}s (logs: $LOGDIR); stopped it"
    fi
    sleep 1
  done
  pid="$(cat "$PIDFILE")"
  echo "$ENGINE: running at $ENGINE_URL (pid $pid, started in $((SECONDS - started))s)"
}

do_stop() {
  with_lock "$STATE/.lock"
  if ! running; then
    rm -f "$PIDFILE"
    echo "$ENGINE: not running"
    return 0
  fi
  stop_pid "$PIDFILE" "$PID_MARKER" "$ENGINE" 60
  echo "$ENGINE: stopped"
}

do_crash() {
  if running; then
    kill -KILL "$(tr -dc '0-9' <"$PIDFILE")"
    while running; do sleep 0.2; done
    rm -f "$PIDFILE"
    echo "$ENGINE: killed"
  fi
}

do_status() {
  if running; then
    echo "$ENGINE: running at $ENGINE_URL (pid $(cat "$PIDFILE")), state $STATE"
  else
    echo "$ENGINE: stopped"
    return 3
  fi
}

# analyze JSON-BODY: POST _analyze and print the tokens, one a line.
analyze() {
  curl -fsS --max-time 20 -H 'Content-Type: application/json' -X POST "$ENGINE_URL/_analyze" -d "$1" \
    | grep -o '"token":"[^"]*"' | sed 's/^"token":"//; s/"$//'
}

# check NAME MIN-TOKENS EXPECTED-SUBSTRING BODY (inside do_selftest: sets failed=1)
check() {
  local out n
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

do_selftest() {
  running || die "$ENGINE is not running (start it first)"
  need_cmd curl curl
  local failed=0
  engine_selftest_checks
  [ "$failed" -eq 0 ] || die "selftest failed"
  echo "$ENGINE: selftest passed"
}

engine_main() {
  [ $# -eq 1 ] || usage
  case "$1" in
    url) echo "$ENGINE_URL" ;;
    home)
      # The prepared distribution (plugins installed) and its Java, one a line: for starting
      # other nodes from it (deploy/topology.py's cluster).
      setup_paths
      JH="$(java_home)"
      prepare_home >&2
      printf '%s\n%s\n' "$ENGINE_HOME" "$JH"
      ;;
    start)
      need_cmd curl curl
      setup_paths
      do_start
      ;;
    stop | crash | status | selftest)
      setup_paths
      "do_$1"
      ;;
    *) usage ;;
  esac
}
