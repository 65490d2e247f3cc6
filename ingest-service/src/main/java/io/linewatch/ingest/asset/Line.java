package io.linewatch.ingest.asset;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** A production line. */
record Line(
        @NotBlank @Pattern(regexp = AssetIds.PATTERN, message = AssetIds.MESSAGE)
        String id,

        @NotBlank @Size(max = 200) String name,
        @Size(max = 2000) String description) {}
