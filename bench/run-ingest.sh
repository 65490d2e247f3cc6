#!/usr/bin/env bash
# The ingest benchmark in one command (docs/bench-ingest.md):
#   bench/run-ingest.sh
# builds what is stale, creates a fresh database, starts a KRaft broker and ingest-service
# (-Xmx1g) as separate processes on 127.0.0.1, registers the fleet through the asset API, measures
# the raw ceilings (KafkaProducer alone, PostgreSQL COPY alone, COPY + the storing upsert alone),
# then the HTTP load: one closed-loop run
# and paced runs below what it stored, each WARMUP + DURATION long. Prints a Markdown report
# (also in bench/target/results/report.md) and stops everything it started.
#
# Environment (defaults): DURATION=60s WARMUP=15s THREADS=4 MACHINES=1000 SENSORS=8 BATCH=500
#   INGEST_JVM="-Xmx1g" (ingest-service's JVM options; the heap limit of the target is 1 GB)
#   RATES="" (points/s to run paced; empty = 90% and then 75% of the closed-loop stored rate)
#   CEILING_DURATION=20s PGHOST=127.0.0.1 PGPORT=5432 PGSUPERUSER=postgres KEEP_DB=0
#   REUSE_DB=0 (1: keep the database and fleet of a KEEP_DB=1 run; for trying settings only, since
#   registering 1000 machines takes minutes; published figures come from a fresh database)
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh

# The whole script is one function, parsed before it runs: editing this file during a run
# cannot change the run.
main() {

DURATION=${DURATION:-60s}
WARMUP=${WARMUP:-15s}
THREADS=${THREADS:-4}
MACHINES=${MACHINES:-1000}
SENSORS=${SENSORS:-8}
BATCH=${BATCH:-500}
RATES=${RATES:-}
INGEST_JVM=${INGEST_JVM:--Xmx1g}
CEILING_DURATION=${CEILING_DURATION:-20s}
PGHOST=${PGHOST:-127.0.0.1}
PGPORT=${PGPORT:-5432}
PGSUPERUSER=${PGSUPERUSER:-postgres}
DB=linewatch_bench
WORK=/tmp/linewatch-bench
RESULTS=bench/target/results
DB_URL="jdbc:postgresql://${PGHOST}:${PGPORT}/${DB}"
BENCH_JAR=bench/target/bench.jar

LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)

# --- build what is stale ----------------------------------------------------------------------
ingest_jar() { ls ingest-service/target/ingest-service-*.jar 2>/dev/null | grep -v original | head -1; }
stale() { [ ! -f "$1" ] || [ -n "$(find "${@:2}" -newer "$1" -type f -print -quit)" ]; }
if [ -z "$(ingest_jar)" ] || stale "$(ingest_jar)" common/src ingest-service/src ingest-service/pom.xml \
    || stale "$BENCH_JAR" bench/src bench/pom.xml; then
  log "building ingest-service and bench"
  ./mvnw -B -q -pl ingest-service,bench -am package -DskipTests >/tmp/linewatch-bench.build.log 2>&1 \
    || { tail -50 /tmp/linewatch-bench.build.log; exit 1; }
fi

rm -rf "$RESULTS" "$WORK"
mkdir -p "$RESULTS" "$WORK"
# Run private copies: the repository is shared, and a JVM whose jar another build rewrites
# mid-run fails with NoClassDefFoundError.
cp "$(ingest_jar)" "$WORK/ingest-service.jar"
mkdir -p "$WORK/bench"
cp -r "$BENCH_JAR" bench/target/lib "$WORK/bench/"
INGEST_JAR=$WORK/ingest-service.jar
BENCH_JAR=$WORK/bench/bench.jar

# --- everything started here is stopped on exit, within bounded time --------------------------
DROP_DBS=("$DB")
trap cleanup EXIT INT TERM


for port in 8081 9092 9093; do
  if port_open "$port"; then log "port $port is already in use; stop what listens there first"; exit 1; fi
done

# --- fresh database -------------------------------------------------------------------------
if [ "${REUSE_DB:-0}" = 1 ]; then
  log "reusing database $DB and its fleet"
else
log "fresh database $DB"
psql_admin -c "DO \$\$BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'linewatch')
  THEN CREATE ROLE linewatch LOGIN; END IF; END\$\$"
psql_admin -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)"
psql_admin -c "CREATE DATABASE $DB OWNER linewatch"
fi

# --- broker and ingest-service, each its own JVM ----------------------------------------------
log "starting the Kafka broker"
java -Xms1g -Xmx1g -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -jar "$BENCH_JAR" broker --dir "$WORK/kafka" \
  >"$WORK/broker.log" 2>&1 &
BROKER_PID=$!
PIDS+=("$BROKER_PID")
await 60 "broker" port_open 9092

KEY=$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')
MQTT=true
port_open 1883 || MQTT=false
log "starting ingest-service ($INGEST_JAR, $INGEST_JVM, MQTT bridge $MQTT)"
LINEWATCH_DB_URL="$DB_URL" LINEWATCH_DB_USER=linewatch LINEWATCH_SECURITY_BOOTSTRAP_ADMIN_KEY="$KEY" \
  KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:9092 LINEWATCH_MQTT_ENABLED=$MQTT \
  java $INGEST_JVM -jar "$INGEST_JAR" >"$WORK/ingest-service.log" 2>&1 &
INGEST_PID=$!
PIDS+=("$INGEST_PID")
await 180 "ingest-service" curl -sf http://127.0.0.1:8081/actuator/health/readiness

BENCH=(java -Xmx1g -jar "$BENCH_JAR")
COMMON=(--machines "$MACHINES" --sensors "$SENSORS")

# --- the fleet, through the real asset API (strict mode), before anything is measured ------------
if [ "${REUSE_DB:-0}" != 1 ]; then
  log "registering $MACHINES machines x $SENSORS sensors"
  LINEWATCH_BENCH_KEY="$KEY" "${BENCH[@]}" register "${COMMON[@]}" --url http://127.0.0.1:8081 \
    | tee "$RESULTS/register.txt"
fi

# --- raw ceilings on the same generated data ----------------------------------------------------
log "ceiling: KafkaProducer alone"
"${BENCH[@]}" producer "${COMMON[@]}" --duration "$CEILING_DURATION" --out "$RESULTS/producer.properties"
for mode in copy upsert; do
  log "ceiling: PostgreSQL $mode alone"
  "${BENCH[@]}" copy "${COMMON[@]}" --mode "$mode" --db-url "$DB_URL" --duration "$CEILING_DURATION" \
    --out "$RESULTS/copy-$mode.properties"
done
psql_admin -d "$DB" -c "DROP SCHEMA IF EXISTS bench_ceiling CASCADE"

# --- the HTTP load -------------------------------------------------------------------------------
run_load() { # run_load <name> <rate points/s, 0 = closed loop>
  log "load $1: rate ${2} points/s, $THREADS connections, $BATCH samples per request"
  LINEWATCH_BENCH_KEY="$KEY" "${BENCH[@]}" ingest "${COMMON[@]}" --url http://127.0.0.1:8081 \
    --batch "$BATCH" --threads "$THREADS" --warmup "$WARMUP" --duration "$DURATION" --rate "$2" \
    --register false --db-url "$DB_URL" --jvm-pids "ingest-service=$INGEST_PID,kafka-broker=$BROKER_PID" \
    --out "$RESULTS/$1.properties"
}
prop() { grep "^$2=" "$RESULTS/$1.properties" | cut -d= -f2-; }

run_load ingest-1-closed-loop 0
if [ -z "$RATES" ]; then
  stored=$(prop ingest-1-closed-loop ingest.stored.points.per.s)
  if [ "$stored" -gt 0 ]; then
    RATES="$((stored * 90 / 100)) $((stored * 75 / 100))"
  else
    log "the closed-loop run stored nothing; see $WORK/ingest-service.log"
  fi
fi
n=2
for rate in $RATES; do
  run_load "ingest-$n-paced" "$rate"
  if [ "$(prop "ingest-$n-paced" ingest.lag.bounded)" = true ] \
      && [ "$(prop "ingest-$n-paced" ingest.drain.complete)" = true ]; then
    break
  fi
  n=$((n + 1))
done

# --- report ---------------------------------------------------------------------------------------
{
  echo "### Ingest benchmark, $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo
  echo "Machine: $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')), \
$(free -g | awk '/Mem:/ {print $2}') GB RAM; load average when the script started: $LOAD_BEFORE."
  echo "Commit $(git rev-parse --short HEAD); command: \`bench/run-ingest.sh\` (DURATION=$DURATION WARMUP=$WARMUP \
THREADS=$THREADS MACHINES=$MACHINES SENSORS=$SENSORS BATCH=$BATCH)."
  echo
  "${BENCH[@]}" report --dir "$RESULTS"
} >"$RESULTS/report.md"
cat "$RESULTS/report.md"
}

main "$@"
