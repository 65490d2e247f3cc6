/**
 * Telemetry ingest: streamed parsing of JSON, NDJSON and CSV bodies, per-sample validation
 * against the in-memory asset model, and publishing to Kafka with a 2xx only after every record
 * of a request was acknowledged. {@link io.linewatch.ingest.telemetry.TelemetryIngestor} is the one
 * entry point that HTTP and MQTT share.
 */
package io.linewatch.ingest.telemetry;
