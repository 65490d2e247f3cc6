package io.linewatch.ingest.telemetry;

/**
 * One valid sample ready for Kafka: its key, its value already serialized as the
 * {@code TelemetrySample} JSON of the topic contract, and how many sensor values it carries.
 */
record Outgoing(String machineId, byte[] value, int points, long index) {}
