/**
 * The raw ceilings the ingest path is compared with, measured on the same generated samples:
 * KafkaProducer alone (same record bytes, lz4, acks=all, idempotent) and PostgreSQL binary COPY
 * alone (the storage half's row shape, one row per sample with a {@code real[]} of values).
 */
package io.linewatch.bench.baseline;
