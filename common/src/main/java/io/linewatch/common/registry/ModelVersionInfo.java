package io.linewatch.common.registry;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One registered version of a model as the registry describes it: the artifact's sha256 and
 * size, what it expects and produces ({@code contract}), and everything that must travel with the
 * network to use it (normalizer, thresholds). The registry's JSON for a version is exactly this.
 *
 * @param contract {@code inputShape} and {@code outputShape} (without the batch dimension) plus
 *     optional {@code sensors}, {@code windowLength}, {@code imageHeight}, {@code imageWidth},
 *     {@code channels}, {@code classLabels}, {@code rnnDataFormat}
 * @param origin {@code trained} or {@code keras-import}
 * @param aliases the aliases pointing at this version when it was read
 */
public record ModelVersionInfo(
        String modelName,
        int version,
        String task,
        String sha256,
        long sizeBytes,
        String framework,
        String format,
        String origin,
        String description,
        Map<String, Object> contract,
        Map<String, Object> normalizer,
        Map<String, Object> thresholds,
        Map<String, Object> metrics,
        Map<String, Object> hyperparameters,
        Map<String, Object> trainingData,
        Map<String, String> tags,
        String sourceSha256,
        List<String> aliases,
        String createdBy,
        Instant createdAt) {}
