package io.linewatch.quality.inspection;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A stored inspection, as the API returns it. {@code pDefect} is null when the model has no good
 * class; {@code imageExpiredAt} is set when image retention deleted the kept image.
 */
public record Inspection(
        UUID id,
        String line,
        String station,
        String productType,
        String serial,
        String verdict,
        String defectClass,
        double confidence,
        Double pDefect,
        Map<String, Double> probabilities,
        String modelName,
        int modelVersion,
        double latencyMs,
        boolean imageKept,
        String label,
        Instant inspectedAt,
        Instant imageExpiredAt) {}
