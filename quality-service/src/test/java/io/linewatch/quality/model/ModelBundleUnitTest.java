package io.linewatch.quality.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.linewatch.quality.image.InputShape;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class ModelBundleUnitTest {

    static ModelContract contract(List<String> labels, List<String> good) {
        return new ModelContract(
                ModelContract.FORMAT_VERSION,
                labels,
                new InputShape(1, 16, 16),
                new double[] {120},
                new double[] {40},
                good,
                0.5,
                0.2,
                0.8,
                Map.of("validationAccuracy", 0.9),
                Map.of("seed", "7"));
    }

    @Test
    void savesAndLoadsTheNetworkWithItsContractAsOneFile(@TempDir Path dir) throws Exception {
        ModelContract contract = contract(List.of("crack", "good"), List.of("good"));
        var net = DefectNetFactory.build(DefectNetFactoryUnitTest.spec(contract.input(), 2, 3));
        ModelBundle bundle = new ModelBundle(net, contract);
        Path file = dir.resolve("model.zip");

        bundle.save(file);
        ModelBundle loaded = ModelBundle.load(file);

        INDArray input = Nd4j.rand(3, 1, 16, 16);
        assertThat(loaded.network().output(input)).isEqualTo(net.output(input));
        assertThat(loaded.contract().labels()).containsExactly("crack", "good");
        assertThat(loaded.contract().goodClasses()).containsExactly("good");
        assertThat(loaded.contract().input()).isEqualTo(new InputShape(1, 16, 16));
        assertThat(loaded.contract().mean()).containsExactly(120);
        assertThat(loaded.contract().std()).containsExactly(40);
        assertThat(loaded.contract().metrics()).containsEntry("validationAccuracy", 0.9);
        assertThat(loaded.contract().reviewHigh()).isEqualTo(0.8);
        assertThat(Files.list(dir)).containsExactly(file);
    }

    @Test
    void refusesAFileThatIsNotABundle() {
        assertThatThrownBy(() -> ModelBundle.read(new ByteArrayInputStream(new byte[] {1, 2, 3})))
                .hasMessageContaining("not a model bundle");
    }

    @Test
    void contractRejectsThresholdsOutOfOrderAndUnknownGoodClasses() {
        assertThatThrownBy(() -> new ModelContract(
                        1,
                        List.of("a", "b"),
                        new InputShape(1, 16, 16),
                        new double[] {0},
                        new double[] {1},
                        List.of(),
                        0.5,
                        0.6,
                        0.8,
                        Map.of(),
                        Map.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> contract(List.of("a", "b"), List.of("ok")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
