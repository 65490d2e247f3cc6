package io.linewatch.monitor.live;

import io.linewatch.common.event.SensorContribution;
import java.time.Instant;
import java.util.List;

/** {@code GET /api/v1/machines/{id}/health}: the latest scored window of one machine. */
record MachineHealth(
        String machineId,
        String state,
        double score,
        double threshold,
        List<SensorContribution> contributions,
        String modelName,
        int modelVersion,
        Instant lastSampleAt) {}
