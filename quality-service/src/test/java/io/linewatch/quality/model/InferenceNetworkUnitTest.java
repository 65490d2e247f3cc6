package io.linewatch.quality.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.linewatch.quality.image.InputShape;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.params.BatchNormalizationParamInitializer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

class InferenceNetworkUnitTest {

    private static final int SIZE = 32;
    private static final int CLASSES = 3;

    /**
     * The production layout (strided 5x5 stem, blocks of conv -> BN -> ReLU, two per block here,
     * max pooling, global average pooling, softmax), small, trained a few iterations on generated
     * images so the batch-normalisation statistics and scales are not their initial values.
     */
    static MultiLayerNetwork trained(boolean useLogStd, boolean lockGammaBeta) {
        NetworkSpec spec = new NetworkSpec(
                new InputShape(1, SIZE, SIZE),
                CLASSES,
                List.of(4, 8),
                5,
                2,
                2,
                0.8,
                1e-2,
                1e-4,
                3,
                new double[] {1, 1, 1},
                PoolingType.AVG);
        MultiLayerConfiguration conf =
                DefectNetFactory.build(spec).getLayerWiseConfigurations().clone();
        conf.getConfs().forEach(c -> {
            if (c.getLayer() instanceof BatchNormalization bn) {
                bn.setUseLogStd(useLogStd);
                bn.setLockGammaBeta(lockGammaBeta);
                bn.setGamma(1.5);
                bn.setBeta(0.25);
            }
        });
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        DataSet train = images(48, 11);
        for (int i = 0; i < 15; i++) {
            net.fit(train);
        }
        return net;
    }

    /** Grainy surfaces (not centred, not unit scale) that are clean, carry a bright square or a dark bar. */
    static DataSet images(int count, long seed) {
        Random random = new Random(seed);
        float[] pixels = new float[count * SIZE * SIZE];
        float[] labels = new float[count * CLASSES];
        for (int n = 0; n < count; n++) {
            int label = n % CLASSES;
            labels[n * CLASSES + label] = 1;
            int x0 = random.nextInt(SIZE - 8);
            int y0 = random.nextInt(SIZE - 8);
            for (int y = 0; y < SIZE; y++) {
                for (int x = 0; x < SIZE; x++) {
                    float v = 0.6f + 0.8f * (float) random.nextGaussian();
                    boolean inside = x >= x0 && x < x0 + 8 && y >= y0 && y < y0 + 8;
                    if (label == 1 && inside) {
                        v += 3;
                    } else if (label == 2 && inside && y < y0 + 2) {
                        v -= 3;
                    }
                    pixels[(n * SIZE + y) * SIZE + x] = v;
                }
            }
        }
        return new DataSet(
                Nd4j.create(pixels, new long[] {count, 1, SIZE, SIZE}, 'c'),
                Nd4j.create(labels, new long[] {count, CLASSES}, 'c'));
    }

    @ParameterizedTest(name = "useLogStd={0}, lockGammaBeta={1}")
    @CsvSource({"true, false", "false, false", "true, true"})
    void theFoldedNetworkGivesTheTrainedNetworksProbabilities(boolean useLogStd, boolean lockGammaBeta) {
        MultiLayerNetwork trained = trained(useLogStd, lockGammaBeta);
        var bn = trained.getLayer("block1_bn1");
        assertThat(bn.paramTable())
                .containsKey(
                        useLogStd
                                ? BatchNormalizationParamInitializer.GLOBAL_LOG_STD
                                : BatchNormalizationParamInitializer.GLOBAL_VAR);
        assertThat(bn.paramTable().containsKey(BatchNormalizationParamInitializer.GAMMA))
                .isEqualTo(!lockGammaBeta);
        for (var layer : trained.getLayers()) {
            if (layer.conf().getLayer() instanceof BatchNormalization) {
                double initial = useLogStd ? 0 : 1; // log10(1) or 1
                String spread = useLogStd
                        ? BatchNormalizationParamInitializer.GLOBAL_LOG_STD
                        : BatchNormalizationParamInitializer.GLOBAL_VAR;
                assertThat(layer.getParam(BatchNormalizationParamInitializer.GLOBAL_MEAN)
                                .amaxNumber()
                                .doubleValue())
                        .as("running mean of %s moved", layer.conf().getLayer().getLayerName())
                        .isGreaterThan(0.05);
                assertThat(layer.getParam(spread).sub(initial).amaxNumber().doubleValue())
                        .as(
                                "running spread of %s moved",
                                layer.conf().getLayer().getLayerName())
                        .isGreaterThan(0.05);
            }
        }
        INDArray paramsBefore = trained.params().dup();

        MultiLayerNetwork folded = InferenceNetwork.of(trained);

        assertThat(folded).isNotSameAs(trained);
        assertThat(InferenceNetwork.hasBatchNormalization(trained)).isTrue();
        assertThat(InferenceNetwork.hasBatchNormalization(folded)).isFalse();
        // 2 blocks x (2 x conv/BN/ReLU + pool) + gap + output = 16 layers -> 2 x (2 conv + pool) + 2 = 8
        assertThat(trained.getnLayers()).isEqualTo(16);
        assertThat(folded.getnLayers()).isEqualTo(8);
        assertThat(((ConvolutionLayer) folded.getLayer(0).conf().getLayer()).hasBias())
                .isTrue();
        assertThat(trained.params())
                .as("folding leaves the trained network alone")
                .isEqualTo(paramsBefore);

        INDArray x = images(40, 99).getFeatures();
        INDArray expected = trained.output(x, false);
        INDArray actual = folded.output(x, false);
        assertThat(actual.shape()).containsExactly(expected.shape());
        assertThat(expected.maxNumber().doubleValue())
                .as("the trained network is not uniform")
                .isGreaterThan(1.0 / CLASSES + 0.02);
        assertThat(maxAbsDiff(expected, actual)).isLessThan(1e-4);

        // The pooled features before the softmax agree too (relative to their size).
        INDArray gapTrained = trained.feedForward(x, false).get(trained.getnLayers() - 1);
        INDArray gapFolded = folded.feedForward(x, false).get(folded.getnLayers() - 1);
        double scale = Math.max(1, gapTrained.amaxNumber().doubleValue());
        assertThat(maxAbsDiff(gapTrained, gapFolded) / scale).isLessThan(1e-4);

        // The comparison can fail: the same network with batch normalisation left at its initial
        // statistics (what a fold that ignored them would compute) is far from the trained one.
        MultiLayerNetwork ignoringStatistics = trained.clone();
        for (var layer : ignoringStatistics.getLayers()) {
            if (layer.conf().getLayer() instanceof BatchNormalization) {
                layer.getParam(BatchNormalizationParamInitializer.GLOBAL_MEAN).assign(0);
                layer.getParam(
                                useLogStd
                                        ? BatchNormalizationParamInitializer.GLOBAL_LOG_STD
                                        : BatchNormalizationParamInitializer.GLOBAL_VAR)
                        .assign(useLogStd ? 0 : 1);
            }
        }
        assertThat(maxAbsDiff(expected, InferenceNetwork.of(ignoringStatistics).output(x, false)))
                .isGreaterThan(1e-2);
    }

    @ParameterizedTest(name = "useLogStd={0}")
    @CsvSource({"true", "false"})
    void theClassifierInfersOnTheFoldedNetworkAndKeepsTheTrainedOneForSaving(boolean useLogStd) {
        MultiLayerNetwork trained = trained(useLogStd, false);
        ModelContract contract = new ModelContract(
                ModelContract.FORMAT_VERSION,
                List.of("good", "bright", "bar"),
                new InputShape(1, SIZE, SIZE),
                new double[] {0},
                new double[] {1},
                List.of("good"),
                0.5,
                0.2,
                0.8,
                java.util.Map.of(),
                java.util.Map.of());
        DefectClassifier classifier = new DefectClassifier(new ModelBundle(trained, contract));
        INDArray x = images(6, 5).getFeatures();
        List<float[]> prepared = new java.util.ArrayList<>();
        for (int i = 0; i < 6; i++) {
            prepared.add(x.get(org.nd4j.linalg.indexing.NDArrayIndex.point(i))
                    .dup()
                    .data()
                    .asFloat());
        }

        float[][] p = classifier.probabilities(prepared);

        assertThat(classifier.network()).isSameAs(trained);
        assertThat(InferenceNetwork.hasBatchNormalization(classifier.inferenceNetwork()))
                .isFalse();
        float[][] expected = trained.output(x, false).toFloatMatrix();
        for (int i = 0; i < p.length; i++) {
            for (int k = 0; k < CLASSES; k++) {
                assertThat((double) Math.abs(p[i][k] - expected[i][k])).isLessThan(1e-4);
            }
        }
        assertThat(Arrays.stream(p).mapToDouble(r -> r[0]).distinct().count()).isGreaterThan(1);
        assertThat(classifier.copy().inferenceNetwork().getnLayers()).isLessThan(trained.getnLayers());

        DefectClassifier unfolded = new DefectClassifier(new ModelBundle(trained, contract), false);
        assertThat(unfolded.inferenceNetwork()).isSameAs(trained);
        assertThat(unfolded.copy().inferenceNetwork().getnLayers()).isEqualTo(trained.getnLayers());
    }

    private static double maxAbsDiff(INDArray a, INDArray b) {
        return a.sub(b).amaxNumber().doubleValue();
    }
}
