# shellcheck shell=bash
# Shared helpers for scripts/services/*.sh (sourced, not executed).
#
# Layout:
#   <repo>/.services/<service>/     state of one service (data, logs, pid); git-ignored
#   ${DLM_CACHE_DIR}                unpacked distributions / built plugins (re-creatable)
#   ~/.m2                           Maven cache for everything downloaded
#
# Servers refuse to run as root (postgres, OpenSearch, Elasticsearch), so when
# these scripts are invoked as root the servers run as the unprivileged system
# user ${DLM_SERVICE_USER:-dlm-services} (created if absent). Invoked as a normal
# user, they simply run as that user.

DLM_SERVICES_BIN_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)"
DLM_REPO_ROOT="$(cd "$DLM_SERVICES_BIN_DIR/../.." && pwd -P)"

die() { echo "$DLM_SCRIPT_NAME: error: $*" >&2; exit 1; }
note() { echo "$DLM_SCRIPT_NAME: $*" >&2; }

is_root() { [ "$(id -u)" -eq 0 ]; }

# ---------------------------------------------------------------- packages
_DLM_APT_UPDATED=0
apt_install() {
  is_root || die "missing packages: $* (install them, e.g. 'sudo apt-get install $*', or run this script as root)"
  command -v apt-get >/dev/null || die "missing packages: $* and no apt-get on this machine"
  note "installing Debian packages: $*"
  if [ "$_DLM_APT_UPDATED" -eq 0 ]; then
    DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2 || die "apt-get update failed"
    _DLM_APT_UPDATED=1
  fi
  local log
  log="$(mktemp)"
  if ! DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >"$log" 2>&1; then
    tail -n 30 "$log" >&2
    rm -f "$log"
    die "apt-get install $* failed"
  fi
  rm -f "$log"
}

# need_cmd COMMAND DEBIAN_PACKAGE
need_cmd() {
  command -v "$1" >/dev/null 2>&1 || apt_install "$2"
  command -v "$1" >/dev/null 2>&1 || die "'$1' not found even after installing $2"
}

# ---------------------------------------------------------------- service user
if is_root; then
  DLM_SERVICE_USER="${DLM_SERVICE_USER:-dlm-services}"
else
  DLM_SERVICE_USER="$(id -un)"
fi

ensure_service_user() {
  is_root || return 0
  if ! getent passwd "$DLM_SERVICE_USER" >/dev/null; then
    note "creating system user $DLM_SERVICE_USER"
    useradd --system --user-group --no-create-home --home-dir /nonexistent \
      --shell /usr/sbin/nologin "$DLM_SERVICE_USER" || die "useradd $DLM_SERVICE_USER failed"
  fi
}

# as_service_user CMD...: run CMD as the service user (same environment, same cwd).
# fds 8 and 9 (the locks below) are closed so that daemons do not inherit the lock.
as_service_user() {
  if is_root; then
    setpriv --reuid="$DLM_SERVICE_USER" --regid="$(id -g "$DLM_SERVICE_USER")" --init-groups -- "$@" 8>&- 9>&-
  else
    "$@" 8>&- 9>&-
  fi
}

# exec_as_service_user CMD...: like as_service_user, but replaces the current (sub)shell.
exec_as_service_user() {
  exec 8>&- 9>&-
  if is_root; then
    exec setpriv --reuid="$DLM_SERVICE_USER" --regid="$(id -g "$DLM_SERVICE_USER")" --init-groups -- "$@"
  else
    exec "$@"
  fi
}

# service_user_can TEST-FLAG PATH: e.g. service_user_can -w /some/dir
service_user_can() {
  is_root || { test "$1" "$2"; return; }
  (cd / && as_service_user test "$1" "$2")
}

# give DIR...: hand directories (recursively) to the service user.
give() {
  is_root || return 0
  chown -R "$DLM_SERVICE_USER:$(id -g "$DLM_SERVICE_USER")" "$@"
}

# ---------------------------------------------------------------- directories
# service_state_dir NAME: print (and create) the state directory of a service.
# Normally <repo>/.services/NAME. If the service user cannot reach it (e.g. the
# clone lives under root's 0700 home) it falls back to
# /var/lib/digital-lm/<hash of the repo path>/NAME.
service_state_dir() {
  local name="$1" base="${DLM_SERVICES_DIR:-$DLM_REPO_ROOT/.services}"
  mkdir -p "$base"
  if ! service_user_can -x "$base"; then
    local hash
    hash="$(printf '%s' "$DLM_REPO_ROOT" | sha1sum | cut -c1-12)"
    base="/var/lib/digital-lm/$hash"
    mkdir -p "$base"
    chmod 755 /var/lib/digital-lm "$base"
    printf '%s\n' "$DLM_REPO_ROOT" >"$base/repo-path"
    # For humans looking in the checkout:
    printf 'The service user cannot reach this directory; state is kept in %s\n' "$base" \
      >"${DLM_SERVICES_DIR:-$DLM_REPO_ROOT/.services}/LOCATION"
  fi
  mkdir -p "$base/$name"
  printf '%s\n' "$base/$name"
}

# cache_dir: unpacked distributions and built plugins. Must be readable by the
# service user: ~/.cache/digital-lm when it is, else /var/cache/digital-lm (root).
cache_dir() {
  local dir="${DLM_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/digital-lm}"
  mkdir -p "$dir"
  if [ -z "${DLM_CACHE_DIR:-}" ] && ! service_user_can -x "$dir"; then
    dir=/var/cache/digital-lm
    mkdir -p "$dir"
    chmod 755 "$dir"
  fi
  printf '%s\n' "$dir"
}

# with_lock FILE: serialize start/stop of one service (fd 9 stays open until exit).
with_lock() {
  need_cmd flock util-linux
  exec 9>>"$1"
  flock -w 900 9 || die "could not lock $1"
}

# with_cache_lock FILE: serialize preparing a cached distribution (fd 8).
with_cache_lock() {
  need_cmd flock util-linux
  exec 8>>"$1"
  flock -w 900 8 || die "could not lock $1"
}

# ---------------------------------------------------------------- java / maven
java_major() { # java_major JAVA_HOME -> e.g. 17
  "$1/bin/java" -XshowSettings:properties -version 2>&1 \
    | sed -n 's/^ *java\.specification\.version = //p' | head -n1 | sed 's/^1\.//'
}

# find_java_home MIN MAX [ENV-OVERRIDE-VALUE]: a JDK/JRE whose major version is in [MIN, MAX].
find_java_home() {
  local min="$1" max="$2" override="${3:-}" cand major
  local -a cands=()
  [ -n "$override" ] && cands+=("$override")
  [ -n "${JAVA_HOME:-}" ] && cands+=("$JAVA_HOME")
  if command -v java >/dev/null 2>&1; then
    cands+=("$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")")
  fi
  for cand in /usr/lib/jvm/*; do [ -x "$cand/bin/java" ] && cands+=("$cand"); done
  for cand in "${cands[@]}"; do
    [ -x "$cand/bin/java" ] || continue
    major="$(java_major "$cand")"
    [[ "$major" =~ ^[0-9]+$ ]] || continue
    if [ "$major" -ge "$min" ] && [ "$major" -le "$max" ]; then
      if [ -n "$override" ] && [ "$cand" != "$override" ]; then
        note "ignoring $override (not a Java $min..$max home)"
      fi
      printf '%s\n' "$cand"
      return 0
    fi
  done
  return 1
}

# mvn_quiet ARGS...: run Maven in batch mode; show its output only on failure.
mvn_quiet() {
  need_cmd mvn maven
  local log
  log="$(mktemp)"
  if ! mvn -B -q "$@" >"$log" 2>&1; then
    tail -n 40 "$log" >&2
    rm -f "$log"
    return 1
  fi
  rm -f "$log"
}

# ---------------------------------------------------------------- processes
# pid_alive PIDFILE MARKER: true if the pid in PIDFILE runs and its command line contains MARKER.
pid_alive() {
  local pid
  [ -s "$1" ] || return 1
  pid="$(tr -dc '0-9' <"$1")"
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF -- "$2"
}

# stop_pid PIDFILE MARKER WHAT [TIMEOUT]: TERM, wait, then KILL.
stop_pid() {
  local pidfile="$1" marker="$2" what="$3" timeout="${4:-60}" pid i
  pid_alive "$pidfile" "$marker" || { rm -f "$pidfile"; return 0; }
  pid="$(tr -dc '0-9' <"$pidfile")"
  kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < timeout * 5; i++)); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.2
  done
  if kill -0 "$pid" 2>/dev/null; then
    note "$what did not stop within ${timeout}s; killing it"
    kill -KILL "$pid" 2>/dev/null || true
    sleep 1
  fi
  rm -f "$pidfile"
}

# port_open PORT: something accepts TCP connections on 127.0.0.1:PORT.
port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# show_log_tail FILE [LINES]
show_log_tail() {
  [ -f "$1" ] || return 0
  echo "----- last ${2:-40} lines of $1 -----" >&2
  tail -n "${2:-40}" "$1" >&2
  echo "-----" >&2
}
