#!/usr/bin/env bash
# End-to-end latency, ingest 2xx -> AnomalyDetected on Kafka (docs/monitor.md, "End-to-end latency"):
#   bench/run-latency.sh
# starts a KRaft broker, ingest-service and monitor-service as separate JVMs on 127.0.0.1 (each
# with a fresh database of its own), trains an autoencoder on generated normal data with the
# monitor jar's own `train` (DEBOUNCE=1 by default: the first window above the threshold raises,
# so the faulty sample's 2xx is the one the event belongs to), registers a background fleet and K
# probe machines through the asset API, and runs ingest's load generator at RATE points/s. While
# it runs, each probe gets a normal history (one sample a second, the model's signal shape) in one
# request, then one faulty sample (every sensor +FAULT, far outside the trained range, inside the
# registered limits); the wall time of that request's 2xx is recorded. A kcat consumer on
# linewatch.anomalies.v1, started before the probes, stamps every record with the local clock on
# receipt (same host, same clock). Latency per probe = receipt of its first AnomalyDetected -
# 2xx of its faulty sample. Prints p50/p99/max and how many probes raised, and the CPU cores each
# part used (ingest, monitor, broker, load generator, PostgreSQL) over 20 s while the probes ran;
# stops everything.
#
# Limitation: the background fleet's sensors (spindle_temp, ...) are not the model's (s0..s7), so
# the monitor consumes and parses all of ingest's telemetry but scores only the probes' samples
# (a sample missing a model sensor is dropped, docs/monitor-live.md). The load thus costs the
# broker, ingest-service, PostgreSQL and the monitor's consumer, not the monitor's scorer.
#
# Environment (defaults): RATE=200000 (points/s) LOAD_MACHINES=100 SENSORS=8 THREADS=2 BATCH=500
#   DURATION=60s (load) PROBES=20 FAULT=100 DEBOUNCE=1 TRAIN_ROWS=2000 EPOCHS=5 OMP=1
#   INGEST_JVM="-Xmx1g" MONITOR_JVM="-Xmx1g" MAX_POLL="" (monitor's max-poll-records; empty = its default)
#   MONITOR_NICE=0 (niceness of the monitor JVM; negative gives it the CPU first) PGHOST=127.0.0.1 PGPORT=5432 PGSUPERUSER=postgres
# Needs kcat (Debian package kcat). Jars must be built (ingest-service, monitor-service, bench).
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh

main() {

RATE=${RATE:-200000}
LOAD_MACHINES=${LOAD_MACHINES:-100}
SENSORS=${SENSORS:-8}
THREADS=${THREADS:-2}
BATCH=${BATCH:-500}
DURATION=${DURATION:-60s}
PROBES=${PROBES:-20}
FAULT=${FAULT:-100}
DEBOUNCE=${DEBOUNCE:-1}
TRAIN_ROWS=${TRAIN_ROWS:-2000}
EPOCHS=${EPOCHS:-5}
OMP=${OMP:-1}
INGEST_JVM=${INGEST_JVM:--Xmx1g}
MONITOR_JVM=${MONITOR_JVM:--Xmx1g}
MAX_POLL=${MAX_POLL:-}
MONITOR_NICE=${MONITOR_NICE:-0}
PGHOST=${PGHOST:-127.0.0.1}
PGPORT=${PGPORT:-5432}
PGSUPERUSER=${PGSUPERUSER:-postgres}
DB_INGEST=linewatch_latency_ingest
DB_MONITOR=linewatch_latency_monitor
WORK=/tmp/linewatch-latency
INGEST=http://127.0.0.1:8081
MONITOR_PORT=8082

jar_of() { ls "$1"/target/"$1"-*.jar 2>/dev/null | grep -v original | head -1; }
command -v kcat >/dev/null || { log "kcat is missing (apt-get install -y kcat)"; exit 1; }
for m in ingest-service monitor-service; do
  [ -n "$(jar_of $m)" ] || { log "$m jar missing: ./mvnw -B -pl $m -am package -DskipTests"; exit 1; }
done
[ -f bench/target/bench.jar ] || { log "bench jar missing: ./mvnw -B -pl bench package"; exit 1; }

rm -rf "$WORK"
mkdir -p "$WORK/bench"
# private copies: a JVM whose jar another build rewrites mid-run fails
cp "$(jar_of ingest-service)" "$WORK/ingest-service.jar"
cp "$(jar_of monitor-service)" "$WORK/monitor-service.jar"
cp -r bench/target/bench.jar bench/target/lib "$WORK/bench/"
BENCH=(java -Xmx512m -jar "$WORK/bench/bench.jar")
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)

DROP_DBS=("$DB_INGEST" "$DB_MONITOR")
trap cleanup EXIT INT TERM
for port in 8081 $MONITOR_PORT 9092 9093; do
  if port_open "$port"; then log "port $port is already in use; stop what listens there first"; exit 1; fi
done

log "fresh databases $DB_INGEST, $DB_MONITOR"
psql_admin -c "DO \$\$BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'linewatch')
  THEN CREATE ROLE linewatch LOGIN; END IF; END\$\$"
for db in $DB_INGEST $DB_MONITOR; do
  psql_admin -c "DROP DATABASE IF EXISTS $db WITH (FORCE)"
  psql_admin -c "CREATE DATABASE $db OWNER linewatch"
done

log "starting the Kafka broker"
java -Xms512m -Xmx512m -jar "$WORK/bench/bench.jar" broker --dir "$WORK/kafka" >"$WORK/broker.log" 2>&1 &
PIDS+=("$!")
BROKER_PID=$!
await 60 "broker" port_open 9092

log "training the model on $TRAIN_ROWS generated normal rows (debounce $DEBOUNCE)"
"${BENCH[@]}" monitor-feed --train-csv "$WORK/train.csv" --sensors "$SENSORS" --rows "$TRAIN_ROWS"
TRAINED=$(OMP_NUM_THREADS=$OMP nice -n 10 java -jar "$WORK/monitor-service.jar" train --csv "$WORK/train.csv" \
  --out "$WORK/model.bundle" --epochs "$EPOCHS" --debounce "$DEBOUNCE" 2>"$WORK/train.log" | grep '^trained' || true)
[ -f "$WORK/model.bundle" ] || { log "training failed, see $WORK/train.log"; exit 1; }
log "$TRAINED"

KEY=$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')
log "starting ingest-service ($INGEST_JVM)"
LINEWATCH_DB_URL="jdbc:postgresql://$PGHOST:$PGPORT/$DB_INGEST" LINEWATCH_DB_USER=linewatch \
  LINEWATCH_SECURITY_BOOTSTRAP_ADMIN_KEY="$KEY" KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:9092 LINEWATCH_MQTT_ENABLED=false \
  java $INGEST_JVM -jar "$WORK/ingest-service.jar" >"$WORK/ingest-service.log" 2>&1 &
INGEST_PID=$!
PIDS+=("$INGEST_PID")
log "starting monitor-service ($MONITOR_JVM) on linewatch.telemetry.v1"
LINEWATCH_DB_URL="jdbc:postgresql://$PGHOST:$PGPORT/$DB_MONITOR" OMP_NUM_THREADS=$OMP \
  nice -n "$MONITOR_NICE" java $MONITOR_JVM -jar "$WORK/monitor-service.jar" --server.port=$MONITOR_PORT \
  --linewatch.security.bootstrap-admin-key="$KEY" \
  --linewatch.topics.telemetry=linewatch.telemetry.v1 \
  --linewatch.monitor.live.enabled=true \
  --linewatch.monitor.live.model-file="$WORK/model.bundle" \
  --linewatch.monitor.live.lag-interval=1s \
  ${MAX_POLL:+--linewatch.monitor.live.max-poll-records=$MAX_POLL} \
  >"$WORK/monitor-service.log" 2>&1 &
MONITOR_PID=$!
PIDS+=("$MONITOR_PID")
await 240 "ingest-service" curl -sf "$INGEST/actuator/health/readiness"
await 240 "monitor-service" curl -sf "http://127.0.0.1:$MONITOR_PORT/actuator/health/readiness"

api() { # api <method> <path> [body]: fails on a non-2xx answer
  curl -sS -f -o /dev/null -X "$1" -H "X-API-Key: $KEY" -H 'Content-Type: application/json' \
    ${3:+--data "$3"} "$INGEST$2"
}
log "registering $LOAD_MACHINES load machines and $PROBES probes"
LINEWATCH_BENCH_KEY="$KEY" "${BENCH[@]}" register --machines "$LOAD_MACHINES" --sensors "$SENSORS" --url "$INGEST" \
  >"$WORK/register.txt"
api POST /api/v1/lines '{"id":"latency-line","name":"Latency probes"}'
for p in $(seq 1 "$PROBES"); do
  api POST /api/v1/machines "{\"id\":\"probe-$p\",\"lineId\":\"latency-line\",\"type\":\"probe\",\"description\":\"latency probe\"}"
  for s in $(seq 0 $((SENSORS - 1))); do
    api PUT "/api/v1/machines/probe-$p/sensors/s$s" \
      "{\"name\":\"s$s\",\"unit\":\"u\",\"min\":-1000,\"max\":1000,\"samplingIntervalMs\":1000}"
  done
done

# the anomalies consumer, stamping each record with the local clock on receipt
: >"$WORK/anomalies.txt"
kcat -C -b 127.0.0.1:9092 -t linewatch.anomalies.v1 -o end -u -q -f '%k\t%T\t%s\n' 2>"$WORK/kcat.log" \
  | while IFS= read -r line; do printf '%s\t%s\n' "$(date +%s%3N)" "$line"; done >>"$WORK/anomalies.txt" &
KCAT_PID=$!
PIDS+=("$KCAT_PID")

log "background load: $RATE points/s, $LOAD_MACHINES machines, $THREADS connections, for $DURATION"
LINEWATCH_BENCH_KEY="$KEY" "${BENCH[@]}" ingest --machines "$LOAD_MACHINES" --sensors "$SENSORS" --url "$INGEST" \
  --batch "$BATCH" --threads "$THREADS" --warmup 5s --duration "$DURATION" --rate "$RATE" --register false \
  --db-url "jdbc:postgresql://$PGHOST:$PGPORT/$DB_INGEST" --out "$WORK/load.properties" >"$WORK/load.log" 2>&1 &
LOAD_PID=$!
PIDS+=("$LOAD_PID")
sleep 10
# where the two cores go while the probes run: CPU seconds per process over 20 s
cpu_ticks() { # cpu_ticks <pid>: utime + stime of the process (all its threads), in clock ticks
  awk '{ print $14 + $15 }' "/proc/$1/stat" 2>/dev/null || echo 0
}
pg_ticks() { # all PostgreSQL server processes
  local t=0 p
  for p in $(pgrep -x postgres); do t=$((t + $(cpu_ticks "$p"))); done
  echo "$t"
}
cpu_sample() { # cpu_sample <seconds>: cores used by each part of the benchmark over the interval
  local names=(ingest-service monitor-service broker load-generator) pids=("$INGEST_PID" "$MONITOR_PID" "$BROKER_PID" "$LOAD_PID")
  local before=() i hz total_before total_after
  hz=$(getconf CLK_TCK)
  for i in "${!pids[@]}"; do before[$i]=$(cpu_ticks "${pids[$i]}"); done
  local pg_before; pg_before=$(pg_ticks)
  total_before=$(awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 }' /proc/stat)
  sleep "$1"
  for i in "${!pids[@]}"; do
    awk -v n="${names[$i]}" -v d="$(($(cpu_ticks "${pids[$i]}") - before[i]))" -v hz="$hz" -v s="$1" \
      'BEGIN { printf "%s %.2f\n", n, d / hz / s }'
  done
  awk -v d="$(($(pg_ticks) - pg_before))" -v hz="$hz" -v s="$1" 'BEGIN { printf "postgresql %.2f\n", d / hz / s }'
  total_after=$(awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 }' /proc/stat)
  awk -v d="$((total_after - total_before))" -v hz="$hz" -v s="$1" 'BEGIN { printf "whole-machine %.2f\n", d / hz / s }'
}
cpu_sample 20 >"$WORK/cpu.txt" &
CPU_PID=$!

# the model's signal (bench monitor-feed row(0, r)): 10 (s+1) + 3 sin(2 pi r / 60), plus small noise
samples() { # samples <first ts ms> <first r> <count> <offset>: a JSON array, one sample a second
  awk -v ts="$1" -v r0="$2" -v count="$3" -v off="$4" -v n="$SENSORS" -v seed="$RANDOM" 'BEGIN { srand(seed);
    printf "["
    for (i = 0; i < count; i++) {
      r = r0 + i
      printf "%s{\"ts\":%.0f,\"values\":{", (i ? "," : ""), ts + i * 1000
      for (s = 0; s < n; s++) {
        phase = (s * 13) % 60
        v = 10 * (s + 1) + 3 * sin(2 * 3.141592653589793 * (r + phase) / 60) + 0.3 * (rand() + rand() + rand() - 1.5) + off
        printf "%s\"s%d\":%.3f", (s ? "," : ""), s, v }
      printf "}}" }
    printf "]" }'
}
log "probes: normal history (120 samples each, one request per probe)"
HIST_START=$(($(date +%s%3N) - 120000))
for p in $(seq 1 "$PROBES"); do
  api POST "/api/v1/machines/probe-$p/telemetry" "$(samples "$HIST_START" 0 120 0)"
done
sleep 5
log "probes: one faulty sample each (+$FAULT on every sensor), one a second"
: >"$WORK/probes.txt"
for p in $(seq 1 "$PROBES"); do
  body=$(samples "$(date +%s%3N)" 120 1 "$FAULT")
  api POST "/api/v1/machines/probe-$p/telemetry" "$body"
  printf 'probe-%s\t%s\n' "$p" "$(date +%s%3N)" >>"$WORK/probes.txt"
  # the monitor's consumer lag (telemetry records not yet committed) at that moment
  curl -sf -H "X-API-Key: $KEY" "http://127.0.0.1:$MONITOR_PORT/actuator/prometheus" \
    | awk 'index($0, "linewatch_monitor_consumer_lag") == 1 { s += $NF } END { print s + 0 }' >>"$WORK/lag.txt" || true
  sleep 1
done
log "waiting up to 30 s for the events"
for _ in $(seq 1 30); do
  [ "$(grep -c -v endedAt "$WORK/anomalies.txt" || true)" -ge "$PROBES" ] && break
  sleep 1
done
LOAD_DURING=$(cut -d' ' -f1-3 /proc/loadavg)
wait "$CPU_PID" 2>/dev/null || true
wait "$LOAD_PID" || log "load generator exited non-zero, see $WORK/load.log"
STORED=$(grep '^ingest.stored.points.per.s=' "$WORK/load.properties" 2>/dev/null | cut -d= -f2- || echo "?")
kill -TERM "$KCAT_PID" 2>/dev/null || true
LAG=$(sort -n "$WORK/lag.txt" 2>/dev/null | awk '{ v[NR] = $1 } END { if (NR) printf "median %d, max %d records", v[int((NR + 1) / 2)], v[NR] }')

# latency = first AnomalyDetected (no endedAt) of the probe on receipt - 2xx of its faulty sample
RESULT=$(awk -F'\t' '
  FNR == NR { sent[$1] = $2; n++; next }
  $4 !~ /endedAt/ && ($2 in sent) && !($2 in got) { got[$2] = $1 - sent[$2]; gotT[$2] = $3 - sent[$2] }
  END {
    k = 0; for (m in got) { lat[++k] = got[m]; relay[k] = gotT[m] }
    if (k == 0) { printf "raised 0/%d\n", n; exit }
    asort(lat); asort(relay)
    p50 = lat[int((k - 1) * 0.50) + 1]; p99 = lat[int((k - 1) * 0.99) + 1]
    printf "raised %d/%d; latency 2xx -> AnomalyDetected received: p50 %d ms, p99 %d ms, max %d ms, min %d ms\n", k, n, p50, p99, lat[k], lat[1]
    printf "(record CreateTime, i.e. the relay send, - 2xx: p50 %d ms, max %d ms)\n", relay[int((k - 1) * 0.5) + 1], relay[k]
  }' "$WORK/probes.txt" "$WORK/anomalies.txt")

cat <<REPORT

## End-to-end latency, ingest 2xx -> AnomalyDetected on Kafka ($(date -u '+%Y-%m-%d %H:%M UTC'))

Commit $(git rev-parse --short HEAD); RATE=$RATE LOAD_MACHINES=$LOAD_MACHINES THREADS=$THREADS BATCH=$BATCH
DURATION=$DURATION PROBES=$PROBES FAULT=$FAULT DEBOUNCE=$DEBOUNCE MAX_POLL=${MAX_POLL:-default} MONITOR_NICE=$MONITOR_NICE; load stored by ingest: $STORED points/s.
Load average before: $LOAD_BEFORE, during the probes: $LOAD_DURING.
Monitor consumer lag on linewatch.telemetry.v1 right after each faulty sample's 2xx: ${LAG:-not read}.
CPU cores used over 20 s while the probes ran: $(tr '\n' ' ' <"$WORK/cpu.txt" 2>/dev/null | sed 's/ \([a-z]\)/, \1/g').
Model: $TRAINED

$RESULT
REPORT
}

main "$@"
