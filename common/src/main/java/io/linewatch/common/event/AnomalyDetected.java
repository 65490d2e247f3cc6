package io.linewatch.common.event;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A machine entered an anomaly (its health state left OK after debouncing).
 *
 * <p>Topic {@code linewatch.anomalies.v1}, key = {@code machineId}. Followed by exactly one
 * {@link AnomalyCleared} with the same {@code anomalyId} when the machine recovers.
 */
public record AnomalyDetected(
        int schemaVersion,
        UUID eventId,
        UUID anomalyId,
        String machineId,
        String lineId,
        Instant startedAt,
        String state,
        double score,
        double threshold,
        List<SensorContribution> topSensors,
        String modelName,
        int modelVersion) {

    public static final int SCHEMA_VERSION = 1;
}
