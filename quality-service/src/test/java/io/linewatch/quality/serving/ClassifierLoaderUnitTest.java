package io.linewatch.quality.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.linewatch.common.registry.ModelVersionInfo;
import io.linewatch.quality.image.InputShape;
import io.linewatch.quality.model.DefectClassifier;
import io.linewatch.quality.model.DefectNetFactory;
import io.linewatch.quality.model.ModelBundle;
import io.linewatch.quality.model.ModelContract;
import io.linewatch.quality.model.NetworkSpec;
import io.linewatch.quality.model.RegistryArtifact;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClassifierLoaderUnitTest {

    @TempDir
    Path dir;

    final ModelContract contract = new ModelContract(
            ModelContract.FORMAT_VERSION,
            List.of("crack", "good"),
            new InputShape(1, 32, 32),
            new double[] {120},
            new double[] {40},
            List.of("good"),
            0.5,
            0.3,
            0.7,
            Map.of(),
            Map.of());
    final ModelBundle bundle = new ModelBundle(
            DefectNetFactory.build(new NetworkSpec(
                    contract.input(),
                    2,
                    List.of(4, 8),
                    3,
                    1,
                    1,
                    1.0,
                    1e-3,
                    0,
                    3,
                    new double[] {1, 1},
                    PoolingType.AVG)),
            contract);

    @Test
    void theRegistryFormRestoresAsAPlainDl4jNetworkAndLoadsBackWithItsContract() throws Exception {
        Path artifact = Files.write(dir.resolve("v1.zip"), RegistryArtifact.write(bundle));
        ClassifierLoader loader = new ClassifierLoader(UnaryOperator.identity());
        ModelVersionInfo info = info("defect-cnn", RegistryArtifact.describe(contract));

        DefectClassifier classifier = loader.load(artifact, info);
        loader.smokeTest(classifier, info);

        assertThat(org.deeplearning4j.util.ModelSerializer.restoreMultiLayerNetwork(artifact.toFile(), false)
                        .numParams())
                .isEqualTo(bundle.network().numParams());
        assertThat(classifier.contract().labels()).isEqualTo(List.of("crack", "good"));
        assertThat(classifier.contract().reviewLow()).isEqualTo(0.3);
        float[] blank = new float[32 * 32];
        assertThat(classifier.probabilities(List.of(blank))[0])
                .containsExactly(new DefectClassifier(bundle).probabilities(List.of(blank))[0]);
    }

    @Test
    void aVersionWhoseRegistryContractDisagreesWithItsArtifactIsRefused() throws Exception {
        Path artifact = Files.write(dir.resolve("v2.zip"), RegistryArtifact.write(bundle));
        ClassifierLoader loader = new ClassifierLoader(UnaryOperator.identity());

        assertThatThrownBy(() -> loader.load(
                        artifact, info("defect-cnn", with("contract", "classLabels", List.of("good", "crack")))))
                .hasMessageContaining("classLabels");
        assertThatThrownBy(() ->
                        loader.load(artifact, info("defect-cnn", with("contract", "inputShape", List.of(1, 64, 64)))))
                .hasMessageContaining("inputShape");
        assertThatThrownBy(() -> loader.load(artifact, info("defect-cnn", with("normalizer", "mean", List.of(0.0)))))
                .hasMessageContaining("mean");
        assertThatThrownBy(() -> loader.load(artifact, info("defect-cnn", with("thresholds", "reviewHigh", 0.9))))
                .hasMessageContaining("reviewHigh");
        assertThatThrownBy(() -> loader.load(artifact, info("anomaly-lstm", RegistryArtifact.describe(contract))))
                .hasMessageContaining("defect-cnn");
        Map<String, Object> noLabels = with("contract", "classLabels", null);
        assertThatThrownBy(() -> loader.load(artifact, info("defect-cnn", noLabels)))
                .hasMessageContaining("classLabels");
    }

    @Test
    void anArtifactWithoutAContractIsRefused() throws Exception {
        var plain = new java.io.ByteArrayOutputStream();
        org.deeplearning4j.util.ModelSerializer.writeModel(bundle.network(), plain, false);
        Path artifact = Files.write(dir.resolve("plain.zip"), plain.toByteArray());

        assertThatThrownBy(() -> new ClassifierLoader(UnaryOperator.identity())
                        .load(artifact, info("defect-cnn", RegistryArtifact.describe(contract))))
                .hasMessageContaining(RegistryArtifact.CONTRACT_ENTRY);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> with(String section, String key, Object value) {
        Map<String, Object> metadata = new LinkedHashMap<>(RegistryArtifact.describe(contract));
        Map<String, Object> part = new LinkedHashMap<>((Map<String, Object>) metadata.get(section));
        if (value == null) {
            part.remove(key);
        } else {
            part.put(key, value);
        }
        metadata.put(section, part);
        return metadata;
    }

    @SuppressWarnings("unchecked")
    private static ModelVersionInfo info(String task, Map<String, Object> metadata) {
        return new ModelVersionInfo(
                "tile-defects",
                1,
                task,
                "sha",
                1,
                "dl4j",
                "dl4j-zip",
                "trained",
                "",
                (Map<String, Object>) metadata.get("contract"),
                (Map<String, Object>) metadata.get("normalizer"),
                (Map<String, Object>) metadata.get("thresholds"),
                Map.of(),
                Map.of(),
                Map.of(),
                Map.of(),
                "sha",
                List.of(),
                "test",
                Instant.now());
    }
}
