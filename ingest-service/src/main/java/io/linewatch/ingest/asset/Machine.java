package io.linewatch.ingest.asset;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * A machine on a line. {@code lineId} is null only for machines that lenient mode registered
 * from telemetry; {@code autoRegistered} says so.
 */
record Machine(
        @NotBlank @Pattern(regexp = AssetIds.PATTERN, message = AssetIds.MESSAGE)
        String id,

        @Pattern(regexp = AssetIds.PATTERN, message = AssetIds.MESSAGE)
        String lineId,

        @Size(max = 100) String type,
        @Size(max = 2000) String description,
        Boolean autoRegistered) {}
