/**
 * The ingest benchmark: a standalone Kafka broker launcher, the HTTP load generator, the raw
 * ceilings it is compared with (KafkaProducer alone, PostgreSQL COPY alone) and the per-process
 * CPU/heap sampler. Not deployed; {@code bench/run-ingest.sh} runs it end to end and
 * {@code docs/bench-ingest.md} records the method and the figures.
 */
package io.linewatch.bench;
