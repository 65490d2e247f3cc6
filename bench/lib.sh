# Shared by the benchmark scripts (run-ingest.sh, run-monitor.sh, run-latency.sh); sourced from the
# repository root. Expects PGHOST, PGPORT and PGSUPERUSER to be set before psql_admin is called.

log() { printf '%s %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }
psql_admin() { psql -h "$PGHOST" -p "$PGPORT" -U "$PGSUPERUSER" -v ON_ERROR_STOP=1 -qAt "$@"; }
port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

await() { # await <seconds> <what> <command...>
  local seconds=$1 what=$2
  shift 2
  for _ in $(seq 1 "$seconds"); do
    if "$@" >/dev/null 2>&1; then return 0; fi
    sleep 1
  done
  log "$what not ready after ${seconds}s"
  return 1
}

# Every process a script starts goes into PIDS, every database it creates into DROP_DBS; on exit
# (`trap cleanup EXIT INT TERM`) the processes are stopped within bounded time and the databases
# dropped, unless KEEP_DB=1.
PIDS=()
DROP_DBS=()
cleanup() {
  local pid db
  for pid in "${PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for _ in $(seq 1 30); do
    local alive=0
    for pid in "${PIDS[@]}"; do kill -0 "$pid" 2>/dev/null && alive=1; done
    [ "$alive" = 0 ] && break
    sleep 1
  done
  for pid in "${PIDS[@]}"; do kill -KILL "$pid" 2>/dev/null || true; done
  if [ "${KEEP_DB:-0}" != 1 ]; then
    for db in "${DROP_DBS[@]}"; do
      psql_admin -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" 2>/dev/null || true
    done
  fi
}
