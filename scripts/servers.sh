#!/usr/bin/env bash
# Private PostgreSQL + RabbitMQ servers for NAS Pipeline, on loopback only.
#
#   scripts/servers.sh start     install what is missing (apt-get), start both servers, wait until they answer
#   scripts/servers.sh stop      stop both servers (and the epmd this script started); no process is left behind
#   scripts/servers.sh status    print the state of both servers; exit 0 when both run, 3 otherwise
#   scripts/servers.sh env       print `export` lines for the connection settings (eval "$(scripts/servers.sh env)"):
#                                the owner's (ConnectionStrings__Postgres), the broker's, and one per stage role
#                                (NASP_POSTGRES_GRAPH_EXTRACT, ..._PSEUDO_LABEL, _PREDICT, _SEARCH, _ADAPT, _DASHBOARD)
#   scripts/servers.sh down|up postgres|rabbitmq
#                                stop or start one server (outage tests); leases are left alone
#   scripts/servers.sh acquire ID / release ID
#                                shared use by several scripts (test.sh, demo.sh): `acquire` starts the
#                                servers if needed and records a lease for process ID; `release` drops it
#                                and stops the servers when no lease is left (a manual `start` is a lease
#                                that only `stop` drops).
#
# Everything lives under <repo>/.local (pg/, rabbitmq/); ports default to 55432 (PostgreSQL),
# 55672 (AMQP), 55673 (RabbitMQ management HTTP API), 55674 (Erlang distribution), 55675 (private epmd).
# Overrides: NASP_PG_PORT, NASP_AMQP_PORT, NASP_HTTP_PORT, NASP_DIST_PORT, NASP_EPMD_PORT,
# NASP_PG_PASSWORD, NASP_RABBITMQ_PASSWORD (default: generated at the first start and kept in <state>/secrets/, mode 600),
# NASP_START_TIMEOUT (seconds, default 120), NASP_NO_APT=1 (never run apt-get),
# NASP_STATE_DIR (default <repo>/.local).
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SELF="$REPO/scripts/servers.sh"
PG_PORT="${NASP_PG_PORT:-55432}"
AMQP_PORT="${NASP_AMQP_PORT:-55672}"
HTTP_PORT="${NASP_HTTP_PORT:-55673}"
DIST_PORT="${NASP_DIST_PORT:-$((AMQP_PORT + 2))}"
EPMD_PORT="${NASP_EPMD_PORT:-$((AMQP_PORT + 3))}"
START_TIMEOUT="${NASP_START_TIMEOUT:-120}"
STATE="${NASP_STATE_DIR:-$REPO/.local}"
PG_DB=nasp
RMQ_NODE="nasp-${AMQP_PORT}@localhost"
RMQ_SBIN=/usr/lib/rabbitmq/bin

log() { printf '[servers] %s\n' "$*" >&2; }
die() { printf '[servers] ERROR: %s\n' "$*" >&2; exit 1; }

IS_ROOT=0; [ "$(id -u)" -eq 0 ] && IS_ROOT=1

# Run a command as the given service user (root only; otherwise as ourselves).
as_user() {
  local user="$1"; shift
  if [ "$IS_ROOT" -eq 1 ] && [ "$user" != root ]; then
    runuser -u "$user" -- "$@"
  else
    "$@"
  fi
}

# A live process (a zombie, not yet reaped, counts as dead).
alive() { local st; st="$(awk '{print $3}' "/proc/$1/stat" 2>/dev/null || true)"; [ -n "$st" ] && [ "$st" != Z ]; }

# Process look-ups from /proc (no procps needed: a minimal Debian has no pgrep).
pids_named() { # comm -> pids
  local d c
  for d in /proc/[0-9]*; do
    c="$(cat "$d/comm" 2>/dev/null || true)"
    [ "$c" = "$1" ] && echo "${d#/proc/}"
  done
  return 0
}
children_of() { # pid -> pids of its children
  local d
  for d in /proc/[0-9]*; do
    [ "$(awk '{print $4}' "$d/stat" 2>/dev/null || true)" = "$1" ] && echo "${d#/proc/}"
  done
  return 0
}

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# ---------------------------------------------------------------------------------------------
# Packages
# ---------------------------------------------------------------------------------------------
pkg_installed() {
  command -v dpkg-query >/dev/null 2>&1 || return 1
  [ "$(dpkg-query -W -f='${Status}' "$1" 2>/dev/null || true)" = "install ok installed" ]
}

pg_bindir() {
  if [ -n "${NASP_PG_BIN:-}" ]; then echo "$NASP_PG_BIN"; return; fi
  local d
  d="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"
  if [ -n "$d" ] && [ -x "$d/initdb" ]; then echo "$d"; fi
}

ensure_packages() {
  local missing=() p
  # PostgreSQL: the server binaries are what we need (postgresql-15 without the metapackage is fine).
  if [ -z "$(pg_bindir)" ] && ! pkg_installed postgresql; then missing+=(postgresql); fi
  if [ ! -x "$RMQ_SBIN/rabbitmq-server" ] && ! pkg_installed rabbitmq-server; then missing+=(rabbitmq-server); fi
  # docker-compose (1.29, Python): the suite checks compose/ with `docker-compose config` (no Docker engine needed);
  # chromium and chromium-driver: the dashboard's browser test.
  for p in patchelf g++ dataset-fashion-mnist libonnx-testdata docker-compose chromium chromium-driver; do
    pkg_installed "$p" || missing+=("$p")
  done
  [ "${#missing[@]}" -eq 0 ] && return 0
  if [ "${NASP_NO_APT:-0}" = 1 ]; then
    log "NASP_NO_APT=1: not installing missing packages: ${missing[*]}"
    return 0
  fi
  command -v apt-get >/dev/null 2>&1 || die "missing packages (${missing[*]}) and no apt-get on this machine: install them by hand"
  local sudo=()
  if [ "$IS_ROOT" -ne 1 ]; then
    command -v sudo >/dev/null 2>&1 || die "missing packages (${missing[*]}): run as root or install sudo"
    sudo=(sudo)
  fi
  log "installing: ${missing[*]} (apt-get update first)"
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q >&2 \
    || die "apt-get update failed"
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}" >&2 \
    || die "apt-get install ${missing[*]} failed"
}

# ---------------------------------------------------------------------------------------------
# Layout. The servers run as `postgres` / `rabbitmq` when we are root (initdb refuses root, and
# Debian's rabbitmq-server drops to its user), as ourselves otherwise. Their folders must be
# reachable by that user: if <repo>/.local is not (e.g. a repo under /root), fall back to /var/tmp.
# ---------------------------------------------------------------------------------------------
if [ "$IS_ROOT" -eq 1 ]; then PG_USER=postgres; RMQ_USER=rabbitmq; else PG_USER="$(id -un)"; RMQ_USER="$PG_USER"; fi

user_can_reach() { # user dir
  id "$1" >/dev/null 2>&1 || return 1
  as_user "$1" test -x "$2" -a -r "$2" 2>/dev/null
}

resolve_srv_base() {
  SRV_BASE="$STATE"
  if [ "$IS_ROOT" -eq 1 ] && [ -d "$STATE" ] && id postgres >/dev/null 2>&1 && id rabbitmq >/dev/null 2>&1; then
    if ! user_can_reach postgres "$STATE" || ! user_can_reach rabbitmq "$STATE"; then
      SRV_BASE="/var/tmp/nasp-servers-$(printf '%s' "$STATE" | cksum | cut -d' ' -f1)"
      mkdir -p "$SRV_BASE"; chmod 755 "$SRV_BASE"
    fi
  fi
  PG_DIR="$SRV_BASE/pg"; PG_DATA="$PG_DIR/data"; PG_SOCK="$PG_DIR/run"; PG_LOG="$PG_DIR/log/postgres.log"
  RMQ_DIR="$SRV_BASE/rabbitmq"
  RMQ_PID="$RMQ_DIR/rabbitmq.pid"
  RMQ_LOGDIR="$RMQ_DIR/log"
  RMQ_LOG="$RMQ_LOGDIR/$RMQ_NODE.log"
  RMQ_STARTUP_LOG="$RMQ_LOGDIR/startup.log"
}

mkdir -p "$STATE"
resolve_srv_base

# ---------------------------------------------------------------------------------------------
# Secrets: no password is written in this repository. Each is generated at the first start (32 letters and digits, so
# it needs no escaping in a URI or a connection string) and kept in $STATE/secrets/ (0700, files 0600); the
# environment overrides it. A PostgreSQL cluster made before secrets existed keeps the password it was made with.
# ---------------------------------------------------------------------------------------------
secret() { # name [legacy value when the server's data predates the secret] -> the secret
  local dir="$STATE/secrets" file="$STATE/secrets/$1"
  if [ ! -s "$file" ]; then
    (umask 077; mkdir -p "$dir"; chmod 700 "$dir"
     if [ -n "${2:-}" ]; then printf '%s' "$2" > "$file"; else tr -dc 'A-Za-z0-9' < /dev/urandom | head -c 32 > "$file"; fi)
  fi
  cat "$file"
}
PG_PASSWORD="${NASP_PG_PASSWORD:-$(secret pg-password "$([ -f "$PG_DATA/PG_VERSION" ] && echo nasp || true)")}"
RMQ_PASSWORD="${NASP_RABBITMQ_PASSWORD:-$(secret rabbitmq-password)}"
RMQ_USER_NAME=nasp
RMQ_VHOST=nasp
# One PostgreSQL login role per stage, and a read-only one for the dashboard; `nasp db migrate` grants their rights.
PG_ROLE_SUFFIXES=(graph_extract pseudo_label predict search adapt dashboard)

# ---------------------------------------------------------------------------------------------
# PostgreSQL
# ---------------------------------------------------------------------------------------------
PG_BIN=""
need_pg_bin() {
  PG_BIN="$(pg_bindir)"
  [ -n "$PG_BIN" ] || die "PostgreSQL server binaries not found (/usr/lib/postgresql/*/bin/initdb); install the postgresql package"
}

pg_postmaster_pid() { sed -n 1p "$PG_DATA/postmaster.pid" 2>/dev/null || true; }

pg_running() { # 0 when our cluster's postmaster is alive (not `pg_ctl status`: it takes a zombie for alive)
  local pid; pid="$(pg_postmaster_pid)"
  [ -n "$pid" ] && alive "$pid" || return 1
  # The postmaster's working folder is its data folder.
  [ "$(readlink -f "/proc/$pid/cwd" 2>/dev/null || true)" = "$(readlink -f "$PG_DATA")" ]
}

pg_running_port() { sed -n 4p "$PG_DATA/postmaster.pid" 2>/dev/null || true; }

pg_psql() { # sql -> stdout
  PGPASSWORD="$PG_PASSWORD" "$PG_BIN/psql" -X -q -h "$PG_SOCK" -p "$PG_PORT" -U postgres -d postgres -v ON_ERROR_STOP=1 -tAc "$1"
}

pg_start() {
  need_pg_bin
  local ver; ver="$(basename "$(dirname "$PG_BIN")")"
  mkdir -p "$PG_DIR"
  [ "$IS_ROOT" -eq 1 ] && chown "$PG_USER": "$PG_DIR"
  as_user "$PG_USER" mkdir -p "$PG_SOCK" "$(dirname "$PG_LOG")"

  if [ -f "$PG_DATA/PG_VERSION" ] && [ "$(cat "$PG_DATA/PG_VERSION")" != "$ver" ]; then
    die "$PG_DATA was made by PostgreSQL $(cat "$PG_DATA/PG_VERSION"), binaries are $ver: stop, remove $PG_DIR and start again"
  fi

  if pg_running; then
    if [ "$(pg_running_port)" = "$PG_PORT" ]; then
      log "PostgreSQL already running on 127.0.0.1:$PG_PORT"
    else
      log "PostgreSQL running on port $(pg_running_port), restarting on $PG_PORT"
      pg_stop
    fi
  fi

  if ! pg_running; then
    if port_open "$PG_PORT"; then
      die "port $PG_PORT is already taken by another program: set NASP_PG_PORT to a free port"
    fi
    # A crash (kill -9) leaves postmaster.pid behind; its pid is dead or a zombie, which the postmaster
    # would take for alive and refuse to start. It is not ours any more: remove it.
    if [ -f "$PG_DATA/postmaster.pid" ]; then
      log "removing stale $PG_DATA/postmaster.pid (pid $(pg_postmaster_pid) is gone)"
      rm -f "$PG_DATA/postmaster.pid"
    fi
    rm -f "$PG_SOCK/.s.PGSQL.$PG_PORT" "$PG_SOCK/.s.PGSQL.$PG_PORT.lock"
    if [ ! -f "$PG_DATA/PG_VERSION" ]; then
      log "initdb $PG_DATA (PostgreSQL $ver)"
      rm -rf "$PG_DATA"
      local pw="$PG_DIR/.pwfile"
      printf '%s\n' "$PG_PASSWORD" > "$pw"
      [ "$IS_ROOT" -eq 1 ] && chown "$PG_USER": "$pw"
      chmod 600 "$pw"
      if ! as_user "$PG_USER" "$PG_BIN/initdb" -D "$PG_DATA" -U postgres --pwfile="$pw" \
             --auth-local=scram-sha-256 --auth-host=scram-sha-256 -E UTF8 --no-locale >"$PG_DIR/initdb.log" 2>&1; then
        rm -f "$pw"
        die "initdb failed, see $PG_DIR/initdb.log"
      fi
      rm -f "$pw"
    fi
    # Clusters made before: local connections were `trust`, so any OS user could be the superuser without a password.
    if grep -qE '^local[[:space:]].*[[:space:]]trust[[:space:]]*$' "$PG_DATA/pg_hba.conf" 2>/dev/null; then
      log "pg_hba.conf: local connections now need the password (were trusted)"
      as_user "$PG_USER" sed -i -E 's/^(local[[:space:]].*[[:space:]])trust[[:space:]]*$/\1scram-sha-256/' "$PG_DATA/pg_hba.conf"
    fi
    chmod 700 "$PG_SOCK"
    log "starting PostgreSQL on 127.0.0.1:$PG_PORT (log: $PG_LOG)"
    # The socket is the server user's alone (0700 folder, 0700 socket); clients connect over TCP with the password.
    local opts="-k $PG_SOCK -p $PG_PORT -c listen_addresses=127.0.0.1 -c max_connections=300 -c unix_socket_permissions=0700"
    local try
    for try in 1 2 3; do
      if as_user "$PG_USER" "$PG_BIN/pg_ctl" -D "$PG_DATA" -l "$PG_LOG" -o "$opts" -w -t "$START_TIMEOUT" start >/dev/null 2>&1 9>&-; then
        break
      fi
      # After a kill -9 the old backends may still hold the shared memory for a moment.
      if [ "$try" -lt 3 ] && tail -n 20 "$PG_LOG" 2>/dev/null | grep -q 'pre-existing shared memory block'; then
        log "old PostgreSQL processes still hold shared memory; retrying in 3 s"; sleep 3; continue
      fi
      tail -n 5 "$PG_LOG" >&2 2>/dev/null || true
      die "PostgreSQL did not start (within ${START_TIMEOUT}s), see $PG_LOG"
    done
  fi

  local deadline=$((SECONDS + START_TIMEOUT))
  until "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$PG_PORT" -d postgres; do
    pg_running || die "PostgreSQL is not running, see $PG_LOG"
    [ "$SECONDS" -lt "$deadline" ] || die "PostgreSQL does not answer on 127.0.0.1:$PG_PORT, see $PG_LOG"
    sleep 0.5
  done
  if [ "$(pg_psql "SELECT 1 FROM pg_database WHERE datname = '$PG_DB'")" != 1 ]; then
    pg_psql "CREATE DATABASE $PG_DB" || die "could not create database $PG_DB, see $PG_LOG"
  fi
  pg_stage_roles
}

# The stage roles: login, no superuser, no CREATEDB/CREATEROLE, each with its own generated password (kept in
# $STATE/secrets/pg-role-<role>). They get no right on any table here: `nasp db migrate` grants those per schema.
# The SQL goes through stdin, so no password shows on a command line.
pg_stage_roles() {
  local suffix role pw sql=""
  for suffix in "${PG_ROLE_SUFFIXES[@]}"; do
    role="nasp_$suffix"; pw="$(secret "pg-role-$role")"
    sql+="DO \$\$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '$role') THEN CREATE ROLE $role; END IF; END \$\$;"$'\n'
    sql+="ALTER ROLE $role LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD '$pw';"$'\n'
  done
  printf '%s' "$sql" | PGPASSWORD="$PG_PASSWORD" "$PG_BIN/psql" -X -q -h "$PG_SOCK" -p "$PG_PORT" -U postgres -d "$PG_DB" -v ON_ERROR_STOP=1 >/dev/null \
    || die "could not create the stage roles, see $PG_LOG"
}

pg_stop() {
  [ -f "$PG_DATA/PG_VERSION" ] || return 0
  need_pg_bin
  if pg_running; then
    log "stopping PostgreSQL"
    as_user "$PG_USER" "$PG_BIN/pg_ctl" -D "$PG_DATA" -m fast -w -t 60 stop >/dev/null 2>&1 \
      || as_user "$PG_USER" "$PG_BIN/pg_ctl" -D "$PG_DATA" -m immediate -w -t 30 stop >/dev/null 2>&1 || true
  fi
  # Still there (hung, or pid file lost)? Kill the postmaster named in the pid file and its children.
  local pid; pid="$(pg_postmaster_pid)"
  if pg_running; then
    log "PostgreSQL postmaster $pid did not stop: killing it"
    local c; for c in $(children_of "$pid"); do kill -KILL "$c" 2>/dev/null || true; done
    kill -KILL "$pid" 2>/dev/null || true
  fi
}

pg_status() {
  if pg_running; then echo "postgresql: running on 127.0.0.1:$(pg_running_port) (data $PG_DATA)"; return 0; fi
  echo "postgresql: stopped"; return 1
}

# ---------------------------------------------------------------------------------------------
# RabbitMQ: a private node with its own epmd (ERL_EPMD_PORT), so it never meets a system-wide
# rabbitmq/epmd on 4369/5672.
# ---------------------------------------------------------------------------------------------
rmq_env() { # prints the env assignments for `env`
  printf '%s\n' \
    "HOME=$RMQ_DIR/home" \
    "RABBITMQ_NODENAME=$RMQ_NODE" \
    "RABBITMQ_NODE_IP_ADDRESS=127.0.0.1" \
    "RABBITMQ_NODE_PORT=$AMQP_PORT" \
    "RABBITMQ_DIST_PORT=$DIST_PORT" \
    "ERL_EPMD_PORT=$EPMD_PORT" \
    "ERL_EPMD_ADDRESS=127.0.0.1" \
    "RABBITMQ_CONF_ENV_FILE=$RMQ_DIR/etc/rabbitmq-env.conf" \
    "RABBITMQ_CONFIG_FILE=$RMQ_DIR/etc/rabbitmq.conf" \
    "RABBITMQ_ADVANCED_CONFIG_FILE=$RMQ_DIR/etc/advanced.config" \
    "RABBITMQ_ENABLED_PLUGINS_FILE=$RMQ_DIR/etc/enabled_plugins" \
    "RABBITMQ_MNESIA_BASE=$RMQ_DIR/mnesia" \
    "RABBITMQ_LOG_BASE=$RMQ_LOGDIR" \
    "RABBITMQ_PID_FILE=$RMQ_PID" \
    "RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS=-kernel inet_dist_use_interface {127,0,0,1}" \
    "RABBITMQ_CTL_ERL_ARGS=-kernel inet_dist_use_interface {127,0,0,1}"
}

rmq_run() { # command... run as the rabbitmq user with the node's environment
  local envs=(); mapfile -t envs < <(rmq_env)
  (cd "$RMQ_DIR" && as_user "$RMQ_USER" env "${envs[@]}" "$@")
}

rmqctl() { rmq_run "$RMQ_SBIN/rabbitmqctl" -q -n "$RMQ_NODE" "$@"; }

rmq_is_ours() { # pid -> 0 when it is the beam of our node (its private HOME and epmd port are on its command line)
  local cmd; cmd="$({ tr '\0' ' ' < "/proc/$1/cmdline"; } 2>/dev/null || true)"
  [[ "$cmd" == *"-home $RMQ_DIR/home "* && "$cmd" == *"-epmd_port $EPMD_PORT "* ]]
}

rmq_pid() { # pid of our beam when alive
  local pid; pid="$(cat "$RMQ_PID" 2>/dev/null || true)"
  if [ -n "$pid" ] && alive "$pid" && rmq_is_ours "$pid"; then echo "$pid"; return 0; fi
  # No (valid) pid file, e.g. killed before it wrote one: look for our beam among all beams.
  for pid in $(pids_named beam.smp); do
    if rmq_is_ours "$pid"; then echo "$pid"; return 0; fi
  done
  return 1
}

rmq_write_config() {
  mkdir -p "$RMQ_DIR/etc" "$RMQ_DIR/mnesia" "$RMQ_LOGDIR" "$RMQ_DIR/home"
  : > "$RMQ_DIR/etc/rabbitmq-env.conf"
  cat > "$RMQ_DIR/etc/rabbitmq.conf" <<EOF
# Generated by scripts/servers.sh: a private node on loopback only.
listeners.tcp.default = 127.0.0.1:$AMQP_PORT
# Long training messages: 3 h delivery-acknowledgement timeout (default 30 min).
consumer_timeout = 10800000
# A client starved of CPU (dozens of CLI calls at once on 2 cores) needs more than the default 10 s to finish the
# AMQP handshake; the broker then closed it, and the client retried in a loop.
handshake_timeout = 60000
# No guest: rmq_users creates the user nasp (its generated password) with the vhost nasp, and deletes guest.
management.tcp.ip = 127.0.0.1
management.tcp.port = $HTTP_PORT
log.file.level = info
log.console = false
EOF
  printf '[].\n' > "$RMQ_DIR/etc/advanced.config"
  printf '[rabbitmq_management].\n' > "$RMQ_DIR/etc/enabled_plugins"
  if [ ! -s "$RMQ_DIR/home/.erlang.cookie" ]; then
    (umask 077; od -An -N16 -tx1 /dev/urandom | tr -d ' \n' | tr a-f A-F > "$RMQ_DIR/home/.erlang.cookie")
  fi
  chmod 400 "$RMQ_DIR/home/.erlang.cookie"
  if [ "$IS_ROOT" -eq 1 ]; then chown -R "$RMQ_USER": "$RMQ_DIR"; fi
}

rmq_start() {
  [ -x "$RMQ_SBIN/rabbitmq-server" ] || die "RabbitMQ not found ($RMQ_SBIN/rabbitmq-server); install the rabbitmq-server package"
  ls -d /usr/lib/rabbitmq/lib/rabbitmq_server-*/plugins/rabbitmq_management-* >/dev/null 2>&1 \
    || die "the rabbitmq_management plugin is missing from the rabbitmq-server package"
  mkdir -p "$RMQ_DIR"
  rmq_write_config
  local pid
  if pid="$(rmq_pid)"; then
    if rmqctl await_startup -t 5 >/dev/null 2>&1; then
      log "RabbitMQ already running ($RMQ_NODE, amqp 127.0.0.1:$AMQP_PORT, pid $pid)"
      rmq_wait_ports
      return 0
    fi
    log "RabbitMQ process $pid does not answer: waiting for it"
  else
    rm -f "$RMQ_PID"
    local p
    for p in "$AMQP_PORT" "$HTTP_PORT" "$DIST_PORT"; do
      port_open "$p" && die "port $p is already taken by another program: set NASP_AMQP_PORT/NASP_HTTP_PORT/NASP_DIST_PORT to free ports"
    done
    log "starting RabbitMQ node $RMQ_NODE on 127.0.0.1:$AMQP_PORT (management 127.0.0.1:$HTTP_PORT; log: $RMQ_LOG)"
    # setsid: the node must not receive the Ctrl-C of the terminal that started it; stop does the stopping.
    # 9>&-: the node must not inherit the lock of this script.
    setsid "$SELF" _rmq_foreground </dev/null >"$RMQ_STARTUP_LOG" 2>&1 9>&- &
    disown || true
  fi
  local deadline=$((SECONDS + START_TIMEOUT)) started=$SECONDS
  while :; do
    if rmqctl await_startup -t 10 >/dev/null 2>&1; then break; fi
    if [ $((SECONDS - started)) -gt 5 ] && ! rmq_pid >/dev/null; then
      tail -n 15 "$RMQ_STARTUP_LOG" >&2 2>/dev/null || true
      die "RabbitMQ exited during start-up, see $RMQ_LOG and $RMQ_STARTUP_LOG"
    fi
    [ "$SECONDS" -lt "$deadline" ] || die "RabbitMQ did not start within ${START_TIMEOUT}s, see $RMQ_LOG and $RMQ_STARTUP_LOG"
    sleep 1
  done
  rmq_wait_ports
}

rmq_wait_ports() {
  local deadline=$((SECONDS + 30)) p
  for p in "$AMQP_PORT" "$HTTP_PORT"; do
    until port_open "$p"; do
      [ "$SECONDS" -lt "$deadline" ] || die "RabbitMQ runs but nothing listens on 127.0.0.1:$p, see $RMQ_LOG"
      sleep 0.5
    done
  done
}

epmd_pids() { # our private epmd (started by the node with ERL_EPMD_PORT=$EPMD_PORT)
  local pid
  for pid in $(pids_named epmd); do
    alive "$pid" || continue
    if { tr '\0' '\n' < "/proc/$pid/environ"; } 2>/dev/null | grep -qx "ERL_EPMD_PORT=$EPMD_PORT"; then echo "$pid"; fi
  done
}

rmq_stop() {
  [ -d "$RMQ_DIR" ] || return 0
  local pid
  if pid="$(rmq_pid)"; then
    log "stopping RabbitMQ ($RMQ_NODE, pid $pid)"
    timeout 60 "$SELF" _rmqctl stop >/dev/null 2>&1 9>&- || true
    local deadline=$((SECONDS + 30))
    while alive "$pid" && [ "$SECONDS" -lt "$deadline" ]; do sleep 0.5; done
    if alive "$pid"; then
      log "RabbitMQ did not stop: killing $pid"
      kill -TERM "$pid" 2>/dev/null || true; sleep 2; kill -KILL "$pid" 2>/dev/null || true
    fi
  fi
  rm -f "$RMQ_PID"
  # The private epmd outlives the node: stop it too (never a system-wide one: it matches our port only).
  local e
  for e in $(epmd_pids); do kill -TERM "$e" 2>/dev/null || true; done
  sleep 0.2
  for e in $(epmd_pids); do kill -KILL "$e" 2>/dev/null || true; done
}

rmq_users() { # the broker's one user and vhost, checked once per password (each rabbitmqctl call starts an Erlang VM)
  local done_file="$RMQ_DIR/users-ready" want
  want="$(printf '%s/%s/%s' "$RMQ_USER_NAME" "$RMQ_VHOST" "$RMQ_PASSWORD" | sha256sum | cut -d' ' -f1)"
  [ "$(cat "$done_file" 2>/dev/null || true)" = "$want" ] && return 0
  rmqctl list_vhosts 2>/dev/null | grep -qx "$RMQ_VHOST" || rmqctl add_vhost "$RMQ_VHOST" >/dev/null || die "could not add vhost $RMQ_VHOST"
  if rmqctl list_users 2>/dev/null | awk '{print $1}' | grep -qx "$RMQ_USER_NAME"; then
    rmqctl change_password "$RMQ_USER_NAME" "$RMQ_PASSWORD" >/dev/null || die "could not set the password of $RMQ_USER_NAME"
  else
    rmqctl add_user "$RMQ_USER_NAME" "$RMQ_PASSWORD" >/dev/null || die "could not add user $RMQ_USER_NAME"
  fi
  # management: the CLI lists the _error queues (and tests purge queues) through the management API, in this vhost only.
  rmqctl set_user_tags "$RMQ_USER_NAME" management >/dev/null
  rmqctl set_permissions -p "$RMQ_VHOST" "$RMQ_USER_NAME" '.*' '.*' '.*' >/dev/null
  if rmqctl list_users 2>/dev/null | awk '{print $1}' | grep -qx guest; then rmqctl delete_user guest >/dev/null; fi
  printf '%s' "$want" > "$done_file"
}

rmq_status() {
  local pid
  if pid="$(rmq_pid)"; then
    if rmqctl await_startup -t 5 >/dev/null 2>&1; then
      echo "rabbitmq: running ($RMQ_NODE, amqp 127.0.0.1:$AMQP_PORT, management http://127.0.0.1:$HTTP_PORT/, pid $pid)"
      return 0
    fi
    echo "rabbitmq: process $pid runs but the node does not answer"; return 1
  fi
  echo "rabbitmq: stopped"; return 1
}

# ---------------------------------------------------------------------------------------------
# Leases and locking
# ---------------------------------------------------------------------------------------------
LEASES="$STATE/leases"
lock() { exec 9>"$STATE/servers.lock"; flock -w 900 9 || die "another servers.sh holds $STATE/servers.lock"; }

proc_start_time() { alive "$1" && awk '{print $22}' "/proc/$1/stat" 2>/dev/null || true; }

prune_leases() {
  mkdir -p "$LEASES"
  local f id
  for f in "$LEASES"/*; do
    [ -e "$f" ] || continue
    id="$(basename "$f")"
    [ "$id" = manual ] && continue
    if [ "$(proc_start_time "$id")" != "$(cat "$f" 2>/dev/null)" ]; then rm -f "$f"; fi
  done
}

leases_left() { ls -A "$LEASES" 2>/dev/null | wc -l; }

print_env() {
  cat <<EOF
export ConnectionStrings__Postgres='Host=127.0.0.1;Port=$PG_PORT;Database=$PG_DB;Username=postgres;Password=$PG_PASSWORD'
export RabbitMq__Uri='amqp://$RMQ_USER_NAME:$RMQ_PASSWORD@127.0.0.1:$AMQP_PORT/$RMQ_VHOST'
export RabbitMq__ManagementUri='http://127.0.0.1:$HTTP_PORT/'
EOF
  # Each stage's own role (scripts/demo.sh starts stage X with ConnectionStrings__Postgres=$NASP_POSTGRES_X).
  local suffix role
  for suffix in "${PG_ROLE_SUFFIXES[@]}"; do
    role="nasp_$suffix"
    printf "export NASP_POSTGRES_%s='Host=127.0.0.1;Port=%s;Database=%s;Username=%s;Password=%s'\n" \
      "${suffix^^}" "$PG_PORT" "$PG_DB" "$role" "$(secret "pg-role-$role")"
  done
}

do_start() {
  if [ "$SRV_BASE" != "$STATE" ]; then
    log "note: $STATE is not reachable by the postgres/rabbitmq users: server data and logs go to $SRV_BASE"
  fi
  ensure_packages
  pg_start
  rmq_start
  rmq_users
  log "ready: PostgreSQL 127.0.0.1:$PG_PORT db $PG_DB; RabbitMQ amqp://127.0.0.1:$AMQP_PORT/ (management http://127.0.0.1:$HTTP_PORT/)"
}

do_stop() {
  rmq_stop
  pg_stop
}

cmd="${1:-}"
case "$cmd" in
  start)
    lock
    prune_leases
    do_start
    : > "$LEASES/manual"
    ;;
  stop)
    lock
    do_stop
    rm -rf "$LEASES"
    log "stopped"
    ;;
  status)
    rc=0
    pg_status || rc=3
    rmq_status || rc=3
    exit "$rc"
    ;;
  env)
    print_env
    ;;
  acquire)
    id="${2:?usage: servers.sh acquire PID}"
    lock
    prune_leases
    do_start
    proc_start_time "$id" > "$LEASES/$id"
    ;;
  release)
    id="${2:?usage: servers.sh release PID}"
    lock
    rm -f "$LEASES/$id"
    prune_leases
    if [ "$(leases_left)" -eq 0 ]; then
      do_stop
      log "stopped (no user left)"
    else
      log "servers left running: still used by $(ls -A "$LEASES" | tr '\n' ' ')"
    fi
    ;;
  down|up) # fault injection for tests: stop or start one server, leaving the leases alone
    what="${2:?usage: servers.sh down|up postgres|rabbitmq}"
    lock
    case "$cmd/$what" in
      down/postgres) pg_stop ;;
      up/postgres) pg_start ;;
      down/rabbitmq) rmq_stop ;;
      up/rabbitmq) rmq_start ;;
      *) die "usage: servers.sh down|up postgres|rabbitmq" ;;
    esac
    ;;
  _rmq_foreground) # internal: the node itself, in the foreground
    envs=(); mapfile -t envs < <(rmq_env)
    cd "$RMQ_DIR"
    if [ "$IS_ROOT" -eq 1 ]; then exec runuser -u "$RMQ_USER" -- env "${envs[@]}" "$RMQ_SBIN/rabbitmq-server"; fi
    exec env "${envs[@]}" "$RMQ_SBIN/rabbitmq-server"
    ;;
  _rmqctl) # internal: rabbitmqctl against our node
    shift; rmqctl "$@"
    ;;
  *)
    echo "usage: $0 start|stop|status|env|acquire PID|release PID|down SERVER|up SERVER" >&2
    exit 2
    ;;
esac
