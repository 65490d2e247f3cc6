package io.linewatch.registry.catalog;

import io.linewatch.common.registry.ModelVersionInfo;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Response bodies of {@code /api/v1/models}; a version is {@link ModelVersionInfo}. */
final class ModelViews {

    private ModelViews() {}

    record ModelSummary(
            String name,
            String description,
            String task,
            Map<String, String> tags,
            String createdBy,
            Instant createdAt,
            Instant updatedAt) {

        static ModelSummary of(CatalogRepository.ModelRow row) {
            return new ModelSummary(
                    row.name(),
                    row.description(),
                    row.task(),
                    row.tags(),
                    row.createdBy(),
                    row.createdAt(),
                    row.updatedAt());
        }
    }

    record ModelDetail(ModelSummary model, Map<String, Integer> aliases, List<ModelVersionInfo> versions) {}

    record Page<T>(List<T> items, int page, int size, long total) {}

    record AliasView(String modelName, String alias, Integer version, Integer previousVersion) {}

    record AliasMoveView(
            String alias, Integer fromVersion, Integer toVersion, String actor, String reason, Instant occurredAt) {}
}
