package io.linewatch.quality.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.linewatch.quality.image.InputShape;
import java.util.Arrays;
import java.util.List;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class DefectNetFactoryUnitTest {

    static NetworkSpec spec(InputShape shape, int classes, long seed) {
        double[] weights = new double[classes];
        Arrays.fill(weights, 1.0);
        return new NetworkSpec(shape, classes, List.of(4, 8), 3, 1, 1, 0.8, 1e-3, 1e-4, seed, weights, PoolingType.AVG);
    }

    @Test
    void mapsABatchOfImagesToOneProbabilityRowPerImage() {
        MultiLayerNetwork net = DefectNetFactory.build(spec(new InputShape(1, 32, 48), 3, 1));

        INDArray out = net.output(Nd4j.rand(5, 1, 32, 48));

        assertThat(out.shape()).containsExactly(5, 3);
        for (int i = 0; i < 5; i++) {
            assertThat(out.getRow(i).sumNumber().doubleValue())
                    .isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-5));
        }
    }

    @Test
    void aStridedStemQuartersTheResolutionBeforeTheFirstPooling() {
        double[] weights = {1, 1};
        MultiLayerNetwork net = DefectNetFactory.build(new NetworkSpec(
                new InputShape(1, 64, 64), 2, List.of(4, 8), 5, 2, 1, 0.8, 1e-3, 0, 1, weights, PoolingType.AVG));

        INDArray pooled = net.feedForward(Nd4j.rand(1, 1, 64, 64), false).get(4);

        assertThat(pooled.shape()).containsExactly(1, 4, 16, 16);
        assertThat(net.output(Nd4j.rand(2, 1, 64, 64)).shape()).containsExactly(2, 2);
    }

    @Test
    void acceptsRgbInput() {
        MultiLayerNetwork net = DefectNetFactory.build(spec(new InputShape(3, 24, 24), 2, 1));

        assertThat(net.output(Nd4j.rand(2, 3, 24, 24)).shape()).containsExactly(2, 2);
    }

    @Test
    void namesItsLayersStablyAndIsReproducibleFromTheSeed() {
        MultiLayerNetwork a = DefectNetFactory.build(spec(new InputShape(1, 16, 16), 2, 7));
        MultiLayerNetwork b = DefectNetFactory.build(spec(new InputShape(1, 16, 16), 2, 7));
        MultiLayerNetwork c = DefectNetFactory.build(spec(new InputShape(1, 16, 16), 2, 8));

        assertThat(Arrays.stream(a.getLayers()).map(Layer::getConfig).map(l -> l.getLayerName()))
                .containsExactly(
                        "block1_conv1",
                        "block1_bn1",
                        "block1_relu1",
                        "block1_pool",
                        "block2_conv1",
                        "block2_bn1",
                        "block2_relu1",
                        "block2_pool",
                        "gap",
                        "output");
        assertThat(a.params()).isEqualTo(b.params());
        assertThat(a.params()).isNotEqualTo(c.params());
    }

    @Test
    void maxGlobalPoolingKeepsTheStrongestResponseOfEachChannelWhereAveragePoolingDilutesIt() {
        double[] weights = {1, 1};
        NetworkSpec avg = new NetworkSpec(
                new InputShape(1, 32, 32), 2, List.of(4, 8), 3, 1, 1, 0.8, 1e-3, 0, 5, weights, PoolingType.AVG);
        NetworkSpec max = new NetworkSpec(
                new InputShape(1, 32, 32), 2, List.of(4, 8), 3, 1, 1, 0.8, 1e-3, 0, 5, weights, PoolingType.MAX);
        MultiLayerNetwork averaging = DefectNetFactory.build(avg);
        MultiLayerNetwork maxing = DefectNetFactory.build(max);
        INDArray x = Nd4j.rand(3, 1, 32, 32);

        var avgActivations = averaging.feedForward(x, false);
        var maxActivations = maxing.feedForward(x, false);
        // index 8 is block2_pool's output ([n, 8, 8, 8]), 9 is gap's ([n, 8])
        INDArray lastMaps = maxActivations.get(8);
        INDArray pooled = maxActivations.get(9);

        assertThat(maxing.getLayer("gap").conf().getLayer())
                .isInstanceOfSatisfying(
                        org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer.class,
                        l -> assertThat(l.getPoolingType()).isEqualTo(PoolingType.MAX));
        assertThat(pooled.shape()).containsExactly(3, 8);
        assertThat(pooled).isEqualTo(lastMaps.max(2, 3));
        assertThat(avgActivations.get(9)).isEqualTo(avgActivations.get(8).mean(2, 3));
        assertThat(pooled).isNotEqualTo(lastMaps.mean(2, 3));
    }

    @Test
    void refusesAGlobalPoolingOtherThanAverageOrMax() {
        double[] weights = {1, 1};
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new NetworkSpec(
                        new InputShape(1, 32, 32), 2, List.of(4), 3, 1, 1, 0.8, 1e-3, 0, 5, weights, PoolingType.SUM))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("AVG or MAX");
    }
}
