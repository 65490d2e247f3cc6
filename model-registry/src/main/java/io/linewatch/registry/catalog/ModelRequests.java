package io.linewatch.registry.catalog;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.Map;

/** Request bodies of {@code /api/v1/models}. */
final class ModelRequests {

    static final String NAME = "[A-Za-z0-9][A-Za-z0-9._-]{0,127}";
    static final String ALIAS = "[A-Za-z][A-Za-z0-9._-]{0,63}";

    private ModelRequests() {}

    record CreateModel(
            @NotBlank @Pattern(regexp = NAME, message = "must be 1-128 letters, digits, '.', '_' or '-'")
            String name,

            @Size(max = 4000) String description,

            @NotBlank @Pattern(regexp = "[a-z0-9][a-z0-9-]{0,63}", message = "must be lower-case like anomaly-lstm")
            String task,

            Map<String, String> tags) {}

    record UpdateModel(@Size(max = 4000) String description, Map<String, String> tags) {}

    record SetAlias(
            @NotNull @Min(1) Integer version,
            @NotBlank @Size(max = 1000) String reason) {}
}
