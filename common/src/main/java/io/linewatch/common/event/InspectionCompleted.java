package io.linewatch.common.event;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A product image was inspected.
 *
 * <p>Topic {@code linewatch.inspections.v1}, key = {@code lineId}. {@code verdict} is one of
 * {@code PASS}, {@code FAIL}, {@code REVIEW}.
 */
public record InspectionCompleted(
        int schemaVersion,
        UUID inspectionId,
        String lineId,
        String stationId,
        String productType,
        String serial,
        String verdict,
        String defectClass,
        double confidence,
        Map<String, Double> probabilities,
        String modelName,
        int modelVersion,
        Instant inspectedAt) {

    public static final int SCHEMA_VERSION = 1;
}
