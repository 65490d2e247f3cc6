/**
 * Telemetry storage: a batch Kafka consumer group that writes {@code TelemetrySample}s into a
 * day-partitioned PostgreSQL table, one row per sample with a {@code real[]} of values, by binary
 * COPY into a staging table and an idempotent upsert; plus partition maintenance (create ahead,
 * drop after retention), dead-lettering of poison records and storage metrics.
 * See {@code docs/ingest-storage.md}.
 */
package io.linewatch.ingest.storage;
