package io.linewatch.monitor.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.impl.LossMSE;

class LstmForecasterFactoryUnitTest {

    @Test
    void theClassicPresetIsThreeLstm50ThenDenseWithAdam001MseAndBatch32() {
        ForecasterSpec spec = ForecasterSpec.classicStacked(8, 50);
        assertThat(spec.preset()).isEqualTo(ForecasterSpec.CLASSIC_STACKED);
        assertThat(spec.batchSize()).isEqualTo(32);

        var network = LstmForecasterFactory.windowed(spec);
        var layers = network.getLayerWiseConfigurations().getConfs();

        assertThat(layers).hasSize(4);
        for (int i = 0; i < 3; i++) {
            var layer = layers.get(i).getLayer();
            var lstm = (LSTM) (layer instanceof LastTimeStep last ? last.getUnderlying() : layer);
            assertThat(lstm.getNOut()).isEqualTo(50);
            assertThat(((Adam) lstm.getIUpdater()).getLearningRate()).isEqualTo(0.01);
        }
        var dense = (OutputLayer) layers.get(3).getLayer();
        assertThat(dense.getLossFn()).isInstanceOf(LossMSE.class);
        assertThat(dense.getNOut()).isEqualTo(8);
        assertThat(network.output(Nd4j.rand(4, 8, 50)).shape()).containsExactly(4, 8);
    }

    @Test
    void theStreamingVariantPredictsTheNextSampleAtEveryStep() {
        var network = LstmForecasterFactory.streaming(new ForecasterSpec("small", 2, 5, 2, 6, 0.01, 16, 3L));

        assertThat(network.output(Nd4j.rand(3, 2, 9)).shape()).containsExactly(3, 2, 9);
        assertThat(network.getLayerNames()).contains("lstm1", "lstm2", LstmForecasterFactory.PREDICTION);
    }
}
