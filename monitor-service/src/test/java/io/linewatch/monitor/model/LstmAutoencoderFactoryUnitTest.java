package io.linewatch.monitor.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

class LstmAutoencoderFactoryUnitTest {

    private final AutoencoderSpec spec = new AutoencoderSpec(3, 7, 8, 0.01, 7L);

    @Test
    void reconstructsWindowsInTheInputShapeThroughNamedLayers() {
        var network = LstmAutoencoderFactory.create(spec);

        var output = network.output(Nd4j.rand(5, 3, 7));

        assertThat(output.shape()).containsExactly(5, 3, 7);
        assertThat(network.getLayerNames())
                .contains(
                        LstmAutoencoderFactory.ENCODER,
                        LstmAutoencoderFactory.REPEAT,
                        LstmAutoencoderFactory.DECODER,
                        LstmAutoencoderFactory.RECONSTRUCTION);
    }

    @Test
    void theSameSeedBuildsTheSameNetwork() {
        assertThat(LstmAutoencoderFactory.create(spec).params())
                .isEqualTo(LstmAutoencoderFactory.create(spec).params());
    }
}
