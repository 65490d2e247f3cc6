package io.linewatch.quality.trainingjob;

import io.linewatch.common.registry.RegistryUploader;
import io.linewatch.quality.model.ModelBundle;
import io.linewatch.quality.model.RegistryArtifact;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * Registers a trained bundle as a new version of a {@code defect-cnn} model: the artifact in the
 * registry's form ({@link RegistryArtifact}, which the serving loader reads back) and, as version
 * metadata, the contract (labels, input size, channels), normalisation and thresholds, plus
 * metrics, hyperparameters and lineage.
 */
final class RegistryPublisher {

    private final RegistryUploader registry;

    RegistryPublisher(String registryUrl, String apiKey) {
        this.registry =
                new RegistryUploader(registryUrl, apiKey, JsonMapper.builder().build());
    }

    /** Creates the model if missing, registers the version and returns its number. */
    int register(
            String modelName,
            String description,
            ModelBundle bundle,
            Map<String, Object> metrics,
            Map<String, Object> lineage,
            Map<String, String> tags)
            throws IOException {
        byte[] artifact = RegistryArtifact.write(bundle);
        Map<String, Object> metadata = new LinkedHashMap<>(RegistryArtifact.describe(bundle.contract()));
        metadata.put("description", description);
        metadata.put("sha256", RegistryUploader.sha256(artifact));
        metadata.put("format", "dl4j-zip");
        metadata.put("metrics", metrics);
        metadata.put("hyperparameters", bundle.contract().training());
        metadata.put("trainingData", lineage);
        metadata.put("tags", tags);
        return registry.register(
                modelName,
                RegistryArtifact.TASK,
                "defect classifier trained by quality-service training jobs",
                artifact,
                metadata);
    }

    /** Registers an artifact with the given metadata as a new version; returns its number. */
    int upload(String modelName, byte[] artifact, Map<String, Object> metadata) throws IOException {
        return registry.upload(modelName, artifact, metadata);
    }
}
