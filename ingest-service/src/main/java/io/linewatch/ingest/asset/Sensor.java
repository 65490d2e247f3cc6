package io.linewatch.ingest.asset;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

/**
 * A sensor of a machine. {@code min}/{@code max} are the physical range (null: unbounded on that
 * side); telemetry outside it is rejected. {@code samplingIntervalMs} is the nominal interval.
 */
record Sensor(
        @NotBlank @Pattern(regexp = AssetIds.PATTERN, message = AssetIds.MESSAGE)
        String name,

        @Size(max = 32) String unit,
        Double min,
        Double max,
        @Positive Long samplingIntervalMs,
        Boolean autoRegistered) {}
