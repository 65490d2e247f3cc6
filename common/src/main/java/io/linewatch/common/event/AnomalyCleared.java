package io.linewatch.common.event;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A machine's anomaly ended (its health state returned to OK after hysteresis).
 *
 * <p>Topic {@code linewatch.anomalies.v1}, key = {@code machineId}.
 */
public record AnomalyCleared(
        int schemaVersion,
        UUID eventId,
        UUID anomalyId,
        String machineId,
        String lineId,
        Instant startedAt,
        Instant endedAt,
        double peakScore,
        List<SensorContribution> topSensors,
        String modelName,
        int modelVersion) {

    public static final int SCHEMA_VERSION = 1;
}
