package io.linewatch.common.event;

import java.util.Map;

/**
 * One sample of one machine: every sensor value read at the same instant.
 *
 * <p>Topic {@code linewatch.telemetry.v1}, key = {@code machineId}, so the samples of one
 * machine are ordered. {@code ts} is epoch milliseconds (UTC) of the reading at the machine;
 * {@code receivedAt} is epoch milliseconds when ingest accepted it. Values are finite doubles
 * that passed the sensor's physical range check.
 */
public record TelemetrySample(
        int schemaVersion, String machineId, long ts, long receivedAt, Map<String, Double> values) {

    public static final int SCHEMA_VERSION = 1;

    public static TelemetrySample of(String machineId, long ts, long receivedAt, Map<String, Double> values) {
        return new TelemetrySample(SCHEMA_VERSION, machineId, ts, receivedAt, values);
    }
}
