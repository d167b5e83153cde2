#!/usr/bin/env bash
# A throw-away PostgreSQL cluster for the test suite.
#
#   scripts/pg-test-cluster.sh start   initdb + start (if not already running), print TEST_DATABASE_URL=…
#   scripts/pg-test-cluster.sh env     print TEST_DATABASE_URL=… of the running cluster
#   scripts/pg-test-cluster.sh stop    stop the cluster and remove its directory
#   scripts/pg-test-cluster.sh status  exit 0 when running
#
# Only the TEST_DATABASE_URL line goes to stdout, so `line=$(… start) && export "$line"` works.
# PostgreSQL refuses to run as root, so as root the server runs as a system user (created on first
# use, PG_TEST_USER, default lagesbild-pg). The cluster lives in one directory per checkout
# (PG_TEST_CLUSTER_DIR overrides), listens on 127.0.0.1 only on a free port, keeps its unix socket in
# that directory, and asks TCP clients for a password (scram) that is generated per cluster.
# Durability is switched off (fsync, synchronous_commit): a test cluster trades it for speed.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
PG_TEST_USER="${PG_TEST_USER:-lagesbild-pg}"
DB_NAME="${PG_TEST_DB:-lagesbild_test}"
DB_ROLE="lagesbild"
BASE="${PG_TEST_CLUSTER_DIR:-${TMPDIR:-/tmp}/lagesbild-pg-$(id -u)-$(printf %s "$ROOT" | cksum | cut -d' ' -f1)}"
DATA="$BASE/data"
STATE="$BASE/state.env"
LOG="$BASE/postgres.log"

say() { printf 'pg-test-cluster: %s\n' "$*" >&2; }
die() { say "$*"; exit 1; }

find_bindir() {
  if [ -n "${PG_BIN:-}" ]; then printf %s "$PG_BIN"; return; fi
  local d best=""
  # Newest major version wins (sort -V on the version directory).
  for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V); do
    [ -x "$d/initdb" ] && best="$d"
  done
  if [ -z "$best" ] && command -v pg_config >/dev/null 2>&1; then best="$(pg_config --bindir)"; fi
  [ -n "$best" ] && [ -x "$best/initdb" ] || die "no initdb found (apt-get install postgresql, or set PG_BIN)"
  printf %s "$best"
}

# Runs a command as the cluster owner: this user, or PG_TEST_USER when we are root.
as_owner() {
  if [ "$(id -u)" -eq 0 ]; then
    (cd "$BASE" && runuser -u "$PG_TEST_USER" -- "$@")
  else
    (cd "$BASE" && "$@")
  fi
}

ensure_user() {
  [ "$(id -u)" -eq 0 ] || return 0
  if ! id -u "$PG_TEST_USER" >/dev/null 2>&1; then
    say "creating system user $PG_TEST_USER"
    useradd --system --user-group --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin "$PG_TEST_USER"
  fi
}

free_port() {
  node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close();});'
}

is_running() {
  [ -f "$STATE" ] && [ -d "$DATA" ] || return 1
  # shellcheck disable=SC1090
  . "$STATE"
  as_owner "$BIN/pg_ctl" -D "$DATA" status >/dev/null 2>&1
}

print_env() {
  # shellcheck disable=SC1090
  . "$STATE"
  printf 'TEST_DATABASE_URL=postgres://%s:%s@127.0.0.1:%s/%s\n' "$DB_ROLE" "$PASSWORD" "$PORT" "$DB_NAME"
}

remove_base() {
  # Only ever remove a directory this script made (it holds our state file or is empty).
  if [ -d "$BASE" ]; then
    if [ -f "$STATE" ] || [ -z "$(ls -A "$BASE")" ] || [ -f "$DATA/PG_VERSION" ]; then
      rm -rf "$BASE"
    else
      die "$BASE exists but does not look like a test cluster; not removing it"
    fi
  fi
}

cmd_stop() {
  if [ -f "$STATE" ] && [ -d "$DATA" ]; then
    # shellcheck disable=SC1090
    . "$STATE"
    if as_owner "$BIN/pg_ctl" -D "$DATA" status >/dev/null 2>&1; then
      as_owner "$BIN/pg_ctl" -D "$DATA" -m fast -w -t 30 stop >/dev/null 2>&1 \
        || as_owner "$BIN/pg_ctl" -D "$DATA" -m immediate -w -t 10 stop >/dev/null 2>&1 \
        || say "pg_ctl stop failed; see $LOG"
    fi
  fi
  remove_base
  say "stopped"
}

cmd_start() {
  if is_running; then
    say "already running on port $PORT ($BASE)"
    print_env
    return 0
  fi
  [ -d "$BASE" ] && { say "removing a stale cluster in $BASE"; cmd_stop; }

  BIN="$(find_bindir)"
  ensure_user
  mkdir -m 700 "$BASE"
  if [ "$(id -u)" -eq 0 ]; then chown "$PG_TEST_USER:" "$BASE"; fi

  PASSWORD="$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')"
  local pwfile="$BASE/pwfile"
  (umask 077; printf '%s\n' "$PASSWORD" >"$pwfile")
  if [ "$(id -u)" -eq 0 ]; then chown "$PG_TEST_USER:" "$pwfile"; fi
  as_owner "$BIN/initdb" -D "$DATA" -U "$DB_ROLE" --pwfile="$pwfile" \
    --auth-local=trust --auth-host=scram-sha-256 -E UTF8 --locale=C --no-sync >"$BASE/initdb.log" 2>&1 \
    || { cat "$BASE/initdb.log" >&2; die "initdb failed"; }
  rm -f "$pwfile"

  local attempt started=""
  for attempt in 1 2 3 4 5; do
    PORT="$(free_port)"
    if as_owner "$BIN/pg_ctl" -D "$DATA" -l "$LOG" -w -t 60 start -o \
      "-p $PORT -c listen_addresses=127.0.0.1 -k $BASE -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
      >/dev/null 2>&1; then
      started=1
      break
    fi
    say "start on port $PORT failed (attempt $attempt)"
  done
  [ -n "$started" ] || { tail -n 30 "$LOG" >&2 || true; die "could not start PostgreSQL"; }

  # Written only once the server is up: a state file means "this cluster is ours and running".
  (umask 077; printf 'BIN=%q\nPORT=%q\nPASSWORD=%q\n' "$BIN" "$PORT" "$PASSWORD" >"$STATE")
  # The database collates like a Swedish production one (ICU sv-SE), not like the cluster's C
  # locale, so that tests catch code that relies on byte order where the schema does not say so.
  # PG_TEST_ICU_LOCALE= (empty) or a server before 15 gives a plain database.
  local icu="${PG_TEST_ICU_LOCALE-sv-SE}"
  if [ -z "$icu" ] || ! as_owner "$BIN/createdb" -h "$BASE" -p "$PORT" -U "$DB_ROLE" -T template0 -E UTF8 \
      --locale-provider=icu --icu-locale="$icu" --locale=C.UTF-8 "$DB_NAME" >>"$BASE/initdb.log" 2>&1; then
    as_owner "$BIN/createdb" -h "$BASE" -p "$PORT" -U "$DB_ROLE" "$DB_NAME"
  fi
  say "running on 127.0.0.1:$PORT, data in $DATA"
  print_env
}

case "${1:-}" in
  start) cmd_start ;;
  stop) cmd_stop ;;
  env) is_running || die "not running (start it first)"; print_env ;;
  status) if is_running; then say "running on port $PORT"; else say "not running"; exit 1; fi ;;
  *) echo "usage: $0 start|stop|env|status" >&2; exit 2 ;;
esac
