package io.linewatch.monitor.anomaly;

import io.linewatch.common.event.SensorContribution;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** One anomaly episode as stored and served; {@code endedAt} is null while it is OPEN. */
public record Anomaly(
        UUID anomalyId,
        String machineId,
        String lineId,
        String state,
        Instant startedAt,
        Instant endedAt,
        double peakScore,
        double threshold,
        List<SensorContribution> topSensors,
        String modelName,
        int modelVersion) {

    public static final String OPEN = "OPEN";
    public static final String CLEARED = "CLEARED";
}
