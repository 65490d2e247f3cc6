package io.linewatch.monitor.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.factory.Nd4j;

class ModelBundleUnitTest {

    @Test
    void savesAndLoadsNetworkNormalizerThresholdPolicyAndInputContractAsOneFile(@TempDir Path dir) throws Exception {
        var network = LstmAutoencoderFactory.create(new AutoencoderSpec(2, 5, 4, 0.01, 3L));
        var bundle = new ModelBundle(
                ModelKind.LSTM_AUTOENCODER,
                List.of("temperature", "flow"),
                5,
                new SensorNormalizer(new double[] {1, 2}, new double[] {3, 4}, new boolean[] {true, false}),
                new double[] {0.5, 0.25},
                new Threshold(99, 1.5, 0.2, 100),
                new AlarmPolicy(3, 0.8, 10, 0.9),
                network,
                17);
        Path file = dir.resolve("model.zip");

        bundle.save(file);
        ModelBundle loaded = ModelBundle.load(file);

        assertThat(loaded.kind()).isEqualTo(ModelKind.LSTM_AUTOENCODER);
        assertThat(loaded.sensors()).containsExactly("temperature", "flow");
        assertThat(loaded.window()).isEqualTo(5);
        assertThat(loaded.warmUp()).isEqualTo(17);
        assertThat(loaded.normalizer()).isEqualTo(bundle.normalizer());
        assertThat(loaded.errorScales()).containsExactly(0.5, 0.25);
        assertThat(loaded.threshold()).isEqualTo(bundle.threshold());
        assertThat(loaded.policy()).isEqualTo(bundle.policy());
        var input = Nd4j.rand(3, 2, 5);
        assertThat(loaded.network().output(input)).isEqualTo(network.output(input));
    }

    @Test
    void refusesAFileThatIsNotABundle(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("other.zip");
        try (var zip = new ZipOutputStream(Files.newOutputStream(file))) {
            zip.putNextEntry(new ZipEntry("readme.txt"));
            zip.write(1);
        }

        assertThatThrownBy(() -> ModelBundle.load(file))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("manifest");
    }
}
