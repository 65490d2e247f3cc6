/**
 * Telemetry query: {@code GET /api/v1/machines/{id}/telemetry} returns the stored samples of one
 * machine in a time range, raw or downsampled to fixed buckets with avg/min/max per sensor, for
 * dashboards (Grafana) and training jobs. Reads the tables written by the storage feature.
 * See {@code docs/ingest-storage.md}.
 */
package io.linewatch.ingest.query;
