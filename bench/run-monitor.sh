#!/usr/bin/env bash
# The monitor benchmark (docs/monitor.md, "Live benchmark from Kafka"):
#   bench/run-monitor.sh
# builds what is stale, creates a fresh database, starts a KRaft broker, trains the model (MODEL=
# autoencoder, or MODEL=streaming: the streaming LSTM forecaster, FORECASTER_OPTS, classic preset
# 3 x LSTM(50) by default) on generated normal data with the product's own `train`, then for each fleet size writes a backlog
# of telemetry (MACHINES x ROUNDS samples x SENSORS) to a topic of its own and starts the monitor
# jar on it (live scoring, raw-probe on): the monitor scores the backlog as fast as it can. From
# the monitor's Prometheus counters it prints samples scored per second (wall clock between the
# first and the last counted batch as the monitor stamps them, linewatch.monitor.scoring.last.batch,
# probe time excluded), the raw DL4J output() rate on the very same batches (the probe; with the
# streaming forecaster, rnnTimeStep of each step on a probe copy of the network), their
# ratio, where the live wall time goes (scoring calls vs outside them), batch sizes, and the heap after a full GC once every window is full. Then the single-thread CLI
# benchmark (raw output()/rnnTimeStep, streaming scorer, training time per epoch).
# Not measured here: end-to-end latency ingest 2xx -> AnomalyDetected (see docs/monitor.md).
#
# With MODEL=streaming every kept sample is one step of its machine, so samples scored/s counts each
# consumed sample once (a machine's first W steps warm its state and are stepped, timed and counted,
# but raise nothing).
# Environment (defaults): MODEL=autoencoder FORECASTER_OPTS="--preset classic-stacked-lstm"
#   FETCH_BYTES=16384 with MODEL=streaming, else Kafka's default (max.partition.fetch.bytes)
#   MACHINES_LIST="1000 10000" ROUNDS_1000=100 ROUNDS_10000=30 SENSORS=8
#   MONITOR_ARGS="" (more --name=value arguments for the monitor, e.g. --linewatch.monitor.live.sync-commits=true)
#   PROBE=true (false: no raw probe, so the live rate is clean with CONCURRENCY > 1, where the
#   probes of the threads overlap and subtracting their sum from the wall clock is wrong; the raw
#   column is then empty)
#   MAX_POLL=2000 CONCURRENCY=1 MONITOR_JVM="-Xmx1g" OMP=1 TRAIN_ROWS=3000 EPOCHS=10
#   PORT=8082 KAFKA_PORT=9092 CONTROLLER_PORT=9093 PGHOST=127.0.0.1 PGPORT=5432 PGSUPERUSER=postgres TIMEOUT=600 (seconds per fleet size)
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh

main() {

MODEL=${MODEL:-autoencoder}
FORECASTER_OPTS=${FORECASTER_OPTS:---preset classic-stacked-lstm}
case "$MODEL" in
  autoencoder) KIND_OPTS=(--kind autoencoder); MODEL_NAME="autoencoder"; RAW_CALL="output()" ;;
  streaming) read -r -a KIND_OPTS <<<"--kind streaming-forecaster $FORECASTER_OPTS"
    MODEL_NAME="streaming LSTM forecaster (rnnTimeStep, one step per sample)"; RAW_CALL="rnnTimeStep" ;;
  *) log "MODEL must be autoencoder or streaming, got '$MODEL'"; exit 2 ;;
esac
# The consumer drains a poll partition by partition; from a backlog, 2,000 records of one partition
# are ~24 samples each of 1/12 of the machines, and the forecaster steps a machine's samples one
# round at a time, so its steps would be ~83 machines wide (measured: mean 88 at 1,000 machines).
# Smaller partition fetches make a poll span the partitions, as polls of a live stream do.
FETCH_BYTES=${FETCH_BYTES:-$([ "$MODEL" = streaming ] && echo 16384 || echo "")}
FETCH_OPTS=()
[ -n "$FETCH_BYTES" ] && FETCH_OPTS=("--spring.kafka.consumer.properties.max.partition.fetch.bytes=$FETCH_BYTES")
MACHINES_LIST=${MACHINES_LIST:-1000 10000}
SENSORS=${SENSORS:-8}
MAX_POLL=${MAX_POLL:-2000}
CONCURRENCY=${CONCURRENCY:-1}
PROBE=${PROBE:-true}
MONITOR_ARGS=${MONITOR_ARGS:-}
MONITOR_JVM=${MONITOR_JVM:--Xmx1g}
OMP=${OMP:-1}
TRAIN_ROWS=${TRAIN_ROWS:-3000}
EPOCHS=${EPOCHS:-10}
TIMEOUT=${TIMEOUT:-600}
PGHOST=${PGHOST:-127.0.0.1}
PGPORT=${PGPORT:-5432}
PGSUPERUSER=${PGSUPERUSER:-postgres}
DB=linewatch_monitor_bench
WORK=/tmp/linewatch-monitor-bench
PORT=${PORT:-8082}
KAFKA_PORT=${KAFKA_PORT:-9092}
CONTROLLER_PORT=${CONTROLLER_PORT:-9093}
BOOTSTRAP=127.0.0.1:$KAFKA_PORT

monitor_jar() { ls monitor-service/target/monitor-service-*.jar 2>/dev/null | grep -v original | head -1; }
stale() { [ ! -f "$1" ] || [ -n "$(find "${@:2}" -newer "$1" -type f -print -quit)" ]; }

if [ -z "$(monitor_jar)" ] || stale "$(monitor_jar)" monitor-service/src monitor-service/pom.xml \
    || stale bench/target/bench.jar bench/src bench/pom.xml; then
  log "building monitor-service and bench"
  ./mvnw -B -q -o -pl monitor-service,bench package -DskipTests >/tmp/linewatch-monitor-bench.build.log 2>&1 \
    || { tail -50 /tmp/linewatch-monitor-bench.build.log; exit 1; }
fi
rm -rf "$WORK"
mkdir -p "$WORK/bench"
# private copies: a JVM whose jar another build rewrites mid-run fails
cp "$(monitor_jar)" "$WORK/monitor-service.jar"
cp -r bench/target/bench.jar bench/target/lib "$WORK/bench/"
MONITOR_JAR=$WORK/monitor-service.jar
BENCH_JAR=$WORK/bench/bench.jar
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)

DROP_DBS=("$DB")
trap cleanup EXIT INT TERM
for port in $PORT $KAFKA_PORT $CONTROLLER_PORT; do
  if port_open "$port"; then log "port $port is already in use; stop what listens there first"; exit 1; fi
done

log "fresh database $DB"
psql_admin -c "DO \$\$BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'linewatch')
  THEN CREATE ROLE linewatch LOGIN; END IF; END\$\$"
psql_admin -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)"
psql_admin -c "CREATE DATABASE $DB OWNER linewatch"

log "starting the Kafka broker"
java -Xms512m -Xmx512m -jar "$BENCH_JAR" broker --dir "$WORK/kafka" --port "$KAFKA_PORT" \
  --controller-port "$CONTROLLER_PORT" >"$WORK/broker.log" 2>&1 &
PIDS+=("$!")
await 60 "broker" port_open "$KAFKA_PORT"

log "training the $MODEL_NAME on $TRAIN_ROWS generated normal rows"
java -jar "$BENCH_JAR" monitor-feed --train-csv "$WORK/train.csv" --sensors "$SENSORS" --rows "$TRAIN_ROWS"
TRAINED=$(OMP_NUM_THREADS=$OMP java -jar "$MONITOR_JAR" train "${KIND_OPTS[@]}" --csv "$WORK/train.csv" \
  --out "$WORK/model.bundle" --epochs "$EPOCHS" 2>/dev/null | grep '^trained' || true)
[ -f "$WORK/model.bundle" ] || { log "training failed"; exit 1; }
log "$TRAINED"

KEY=$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')
metric() { # metric <name prefix> : sum of all series of that name
  awk -v n="$1" 'index($0, n) == 1 && (substr($0, length(n) + 1, 1) == "{" || substr($0, length(n) + 1, 1) == " ") { s += $NF } END { printf "%.6f", s }' "$2"
}
scrape() { curl -sf -H "X-API-Key: $KEY" "http://127.0.0.1:$PORT/actuator/prometheus" >"$1"; }

ROWS_OUT=()
SPLITS_OUT=()
for MACHINES in $MACHINES_LIST; do
  ROUNDS_VAR=ROUNDS_$MACHINES
  ROUNDS=${!ROUNDS_VAR:-${ROUNDS:-30}}
  TOPIC=linewatch.bench.monitor.m$MACHINES
  log "backlog: $MACHINES machines x $ROUNDS rounds on $TOPIC"
  java -jar "$BENCH_JAR" monitor-feed --bootstrap "$BOOTSTRAP" --topic "$TOPIC" --machines "$MACHINES" --sensors "$SENSORS" --rounds "$ROUNDS" >&2
  RAISED_BEFORE=$(psql_admin -d "$DB" -c "SELECT count(*) FROM monitor.anomalies" 2>/dev/null || echo 0)
  log "starting the monitor on it"
  LINEWATCH_DB_URL="jdbc:postgresql://$PGHOST:$PGPORT/$DB" KAFKA_BOOTSTRAP_SERVERS=$BOOTSTRAP OMP_NUM_THREADS=$OMP \
    java $MONITOR_JVM -jar "$MONITOR_JAR" --server.port=$PORT \
    --linewatch.security.bootstrap-admin-key="$KEY" \
    --linewatch.topics.telemetry="$TOPIC" \
    --linewatch.monitor.live.enabled=true \
    --linewatch.monitor.live.model-file="$WORK/model.bundle" \
    --linewatch.monitor.live.raw-probe="$PROBE" \
    --linewatch.monitor.live.group-id="bench-$MACHINES" \
    --linewatch.monitor.live.concurrency="$CONCURRENCY" \
    --linewatch.monitor.live.max-poll-records="$MAX_POLL" \
    --linewatch.monitor.live.lag-interval=1s \
    "${FETCH_OPTS[@]}" $MONITOR_ARGS \
    >"$WORK/monitor-$MACHINES.log" 2>&1 &
  MONITOR_PID=$!
  PIDS+=("$MONITOR_PID")
  await 180 "monitor" curl -sf "http://127.0.0.1:$PORT/actuator/health/readiness"

  # sample the counters each second until the scored total stops growing with no lag left
  T_FIRST=""; S_FIRST=0; R_FIRST=0; L_FIRST=0; T_LAST=""; S_LAST=0; R_LAST=0; L_LAST=0; C_LAST=0
  STILL=0; DEADLINE=$((SECONDS + TIMEOUT))
  while [ $SECONDS -lt $DEADLINE ]; do
    sleep 1
    scrape "$WORK/p.txt" || continue
    # when the latest counted batch finished, by the monitor's clock (not this loop's 1 s grid)
    NOW=$(metric linewatch_monitor_scoring_last_batch_seconds "$WORK/p.txt")
    S=$(metric linewatch_monitor_scoring_batch_size_windows_sum "$WORK/p.txt")
    C=$(metric linewatch_monitor_scoring_batch_size_windows_count "$WORK/p.txt")
    R=$(metric linewatch_monitor_scoring_raw_seconds_sum "$WORK/p.txt")
    L=$(metric linewatch_monitor_scoring_latency_seconds_sum "$WORK/p.txt")
    LAG=$(metric linewatch_monitor_consumer_lag "$WORK/p.txt")
    if [ -z "$T_FIRST" ]; then
      if awk -v s="$S" 'BEGIN { exit !(s > 0) }'; then T_FIRST=$NOW; S_FIRST=$S; R_FIRST=$R; L_FIRST=$L; fi
      continue
    fi
    if awk -v s="$S" -v p="$S_LAST" 'BEGIN { exit !(s > p) }'; then
      T_LAST=$NOW; S_LAST=$S; R_LAST=$R; L_LAST=$L; C_LAST=$C; STILL=0
    else
      STILL=$((STILL + 1))
      if [ "$STILL" -ge 5 ] && awk -v l="$LAG" 'BEGIN { exit !(l == 0) }'; then break; fi
    fi
  done
  [ -n "$T_LAST" ] || { log "the monitor scored nothing; see $WORK/monitor-$MACHINES.log"; exit 1; }
  jcmd "$MONITOR_PID" GC.run >/dev/null
  sleep 2
  scrape "$WORK/p.txt"
  HEAP=$(awk 'index($0, "jvm_memory_used_bytes{") == 1 && $0 ~ /area="heap"/ { s += $NF } END { printf "%.0f", s }' "$WORK/p.txt")
  ROW=$(awk -v m="$MACHINES" -v r="$ROUNDS" -v t0="$T_FIRST" -v t1="$T_LAST" -v s0="$S_FIRST" -v s1="$S_LAST" \
    -v r0="$R_FIRST" -v r1="$R_LAST" -v c="$C_LAST" -v all="$S_LAST" -v heap="$HEAP" 'BEGIN {
      wall = (t1 - t0) - (r1 - r0); n = s1 - s0; raw = (r1 - r0);
      live = n / wall;
      if (raw <= 0) {
        printf "| %d | %d | %.0f | %.0f | (PROBE=false) | | %.0f | %.0f MB |", m, r, all, live, all / c, heap / 1048576
        exit
      }
      rawrate = n / raw;
      printf "| %d | %d | %.0f | %.0f | %.0f | **%.2f** | %.0f | %.0f MB |", m, r, all, live, rawrate, live / rawrate,
        all / c, heap / 1048576 }')
  ROWS_OUT+=("$ROW")
  SPLIT=$(awk -v m="$MACHINES" -v t0="$T_FIRST" -v t1="$T_LAST" -v r0="$R_FIRST" -v r1="$R_LAST" -v l0="$L_FIRST" -v l1="$L_LAST" 'BEGIN {
      wall = (t1 - t0) - (r1 - r0); score = l1 - l0;
      printf "| %d | %.2f s | %.2f s | %.2f s | %.2f s |", m, wall, score, r1 - r0, wall - score }')
  RAISED_AFTER=$(psql_admin -d "$DB" -c "SELECT count(*) FROM monitor.anomalies" 2>/dev/null || echo 0)
  SPLIT="$SPLIT $((RAISED_AFTER - RAISED_BEFORE)) |"
  SPLITS_OUT+=("$SPLIT")
  HEAP_OF[$MACHINES]=$HEAP
  log "$ROW"
  kill -TERM "$MONITOR_PID"
  wait "$MONITOR_PID" 2>/dev/null || true
done

log "single-thread CLI benchmark"
CLI=$(OMP_NUM_THREADS=$OMP java -jar "$MONITOR_JAR" benchmark --sensors "$SENSORS" 2>/dev/null | grep -E '^(autoencoder|streaming|classic)' || true)

cat <<REPORT

## monitor-service benchmark ($(date -u '+%Y-%m-%d %H:%M UTC'), load average before: $LOAD_BEFORE, after: $(cut -d' ' -f1-3 /proc/loadavg))

Live scoring from Kafka: $MODEL_NAME, $SENSORS sensors, OMP_NUM_THREADS=$OMP, concurrency $CONCURRENCY,
max-poll-records $MAX_POLL, max.partition.fetch.bytes ${FETCH_BYTES:-default}, monitor $MONITOR_JVM. Samples scored per second is wall clock from the
first to the last counted batch (the monitor's own timestamps), minus the probe's own time; raw is the bare $RAW_CALL on the same
batches (raw-probe), so the ratio is live / raw on identical input in the same run.
Command: MODEL=$MODEL $( [ "$MODEL" = streaming ] && printf 'FORECASTER_OPTS="%s" ' "$FORECASTER_OPTS")MACHINES_LIST="$MACHINES_LIST" EPOCHS=$EPOCHS bench/run-monitor.sh

| machines | rounds | samples scored | scored/s live | raw $RAW_CALL samples/s | live / raw | mean batch | heap after GC |
|---|---|---|---|---|---|---|---|
$(printf '%s\n' "${ROWS_OUT[@]}")

Where the live wall time goes (same interval; scoring calls = \`linewatch.monitor.scoring.latency\`, the
network plus the scorer's residual arithmetic; outside = polling, reading records, rings, health, events):

| machines | live wall | scoring calls | raw probe (not in live wall) | outside the scoring calls | anomalies raised (the backlog is normal data: each one is a false alarm) |
|---|---|---|---|---|---|
$(printf '%s\n' "${SPLITS_OUT[@]}")

Model: $TRAINED

Single thread, CLI (\`benchmark\`):

\`\`\`
$CLI
\`\`\`
REPORT
if [ -n "${HEAP_OF[1000]:-}" ] && [ -n "${HEAP_OF[10000]:-}" ]; then
  awk -v a="${HEAP_OF[1000]}" -v b="${HEAP_OF[10000]}" 'BEGIN {
    printf "\nHeap per 10,000 machines (10,000-machine run minus 1,000-machine run, x 10/9): %.1f MB\n", (b - a) / 9000 * 10000 / 1048576 }'
fi
}

declare -A HEAP_OF
main "$@"
