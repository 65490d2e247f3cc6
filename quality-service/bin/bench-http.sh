#!/usr/bin/env bash
# HTTP round trips of POST /api/v1/inspections against the packaged jar with PostgreSQL.
# Starts quality-service on a fresh database with a freshly initialised model of the production
# architecture (the benchmark saves it as a local bundle), posts images with `benchmark --http`,
# then stops the service and drops the database. With bench/target/bench.jar present it starts a
# KRaft broker of its own (KAFKA_PORT, default 19092) so the outbox relay really publishes the
# events; KAFKA=none leaves Kafka out (events wait in the outbox).
#
#   OMP_NUM_THREADS=1 quality-service/bin/bench-http.sh [requests (200)] [port (18083)]
# Environment: PGHOST (127.0.0.1), PGPORT (5432), PGUSER (postgres), JAVA_OPTS, KAFKA (start|none),
# KAFKA_PORT (19092), FOLD_BATCH_NORM (true: infer on the folded network; false: the trained one),
# SERVICE_OPTS (JVM options of the service only, e.g. a flight recording).
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
jar="$(ls "$here"/target/quality-service-*.jar | grep -v -- '-plain' | head -1)"
requests="${1:-200}"
port="${2:-18083}"
export PGHOST="${PGHOST:-127.0.0.1}" PGPORT="${PGPORT:-5432}" PGUSER="${PGUSER:-postgres}"
export OMP_NUM_THREADS="${OMP_NUM_THREADS:-1}"
db="lw_quality_bench_$$"
work="$(mktemp -d)"
key="bench-$(head -c 24 /dev/urandom | base64 | tr -dc 'A-Za-z0-9')"
pid=""
broker_pid=""
bench_jar="$here/../bench/target/bench.jar"
kafka="${KAFKA:-$([[ -f "$bench_jar" ]] && echo start || echo none)}"
kafka_port="${KAFKA_PORT:-19092}"
cleanup() {
  if [[ -n "$pid" ]]; then kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi
  if [[ -n "$broker_pid" ]]; then kill "$broker_pid" 2>/dev/null || true; wait "$broker_pid" 2>/dev/null || true; fi
  dropdb --if-exists "$db" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

createdb "$db"
bootstrap=127.0.0.1:1
if [[ "$kafka" == start ]]; then
  java -Xms256m -Xmx512m -jar "$bench_jar" broker --dir "$work/kafka" --port "$kafka_port" \
    --controller-port "$((kafka_port + 1))" > "$work/broker.log" 2>&1 &
  broker_pid=$!
  for _ in $(seq 1 60); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$kafka_port") 2>/dev/null; then break; fi
    if ! kill -0 "$broker_pid" 2>/dev/null; then cat "$work/broker.log"; exit 1; fi
    sleep 1
  done
  bootstrap="127.0.0.1:$kafka_port"
fi
# Save the benchmark's fresh model as the service's local bundle (a 1-second in-process run).
java ${JAVA_OPTS:-} -jar "$jar" benchmark --seconds 1 --single 5 --heatmaps 0 --save-model "$work/model.zip" > /dev/null
java ${JAVA_OPTS:-} ${SERVICE_OPTS:-} -jar "$jar" \
  --server.port="$port" \
  --spring.datasource.url="jdbc:postgresql://$PGHOST:$PGPORT/$db" \
  --spring.datasource.username="$PGUSER" \
  --spring.kafka.bootstrap-servers="$bootstrap" \
  --linewatch.quality.fold-batch-norm="${FOLD_BATCH_NORM:-true}" \
  --linewatch.security.bootstrap-admin-key="$key" \
  --linewatch.quality.model-path="$work/model.zip" \
  --linewatch.quality.product-types=bench \
  --linewatch.quality.image-store="$work/images" \
  --logging.level.root=WARN > "$work/service.log" 2>&1 &
pid=$!
for _ in $(seq 1 180); do
  if curl -fs "http://127.0.0.1:$port/actuator/health/readiness" > /dev/null 2>&1; then break; fi
  if ! kill -0 "$pid" 2>/dev/null; then cat "$work/service.log"; exit 1; fi
  sleep 1
done
java ${JAVA_OPTS:-} -jar "$jar" benchmark --seconds 1 --single 5 --heatmaps 0 \
  --http "http://127.0.0.1:$port" --api-key "$key" --product-type bench --requests "$requests" | grep '^HTTP'
# How many of the events the relay published (waits up to 30 s for the last ones).
sent=""
for _ in $(seq 1 30); do
  sent="$(psql -d "$db" -tAc "SELECT count(sent_at) || ' of ' || count(*) FROM quality.outbox" 2>/dev/null || true)"
  if [[ "$kafka" != start || "$sent" =~ ^([0-9]+)\ of\ \1$ ]]; then break; fi
  sleep 1
done
echo "outbox events published: ${sent:-unknown}"
echo "kafka: $kafka ($bootstrap); fold-batch-norm: ${FOLD_BATCH_NORM:-true}; OMP_NUM_THREADS=$OMP_NUM_THREADS"
