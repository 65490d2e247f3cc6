package io.linewatch.quality;

import io.linewatch.quality.image.InputShape;
import io.linewatch.quality.model.DefectNetFactory;
import io.linewatch.quality.model.ModelBundle;
import io.linewatch.quality.model.ModelContract;
import io.linewatch.quality.model.NetworkSpec;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.layers.PoolingType;

/** Tiny untrained bundles (grey 32x32, two conv blocks) for tests that need a real network, not a good one. */
public final class TestModels {

    private TestModels() {}

    /** Two labels, the second one good; mean 128, std 50; review band 0.2 / 0.8. */
    public static ModelBundle tiny(String defect, String good, long seed) {
        InputShape shape = new InputShape(1, 32, 32);
        ModelContract contract = new ModelContract(
                ModelContract.FORMAT_VERSION,
                List.of(defect, good),
                shape,
                new double[] {128},
                new double[] {50},
                List.of(good),
                0.5,
                0.2,
                0.8,
                Map.of(),
                Map.of());
        return new ModelBundle(
                DefectNetFactory.build(new NetworkSpec(
                        shape, 2, List.of(4, 8), 3, 1, 1, 1.0, 1e-3, 0, seed, new double[] {1, 1}, PoolingType.AVG)),
                contract);
    }
}
