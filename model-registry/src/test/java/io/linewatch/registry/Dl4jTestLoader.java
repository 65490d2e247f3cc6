package io.linewatch.registry;

import io.linewatch.common.registry.ModelLoader;
import io.linewatch.common.registry.ModelVersionInfo;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.LongStream;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * How a DL4J service implements {@link ModelLoader}: restore without the updater, and as smoke
 * test one forward pass on zeros of the contract's input shape that must give its output shape.
 */
public class Dl4jTestLoader implements ModelLoader<MultiLayerNetwork> {

    @Override
    public MultiLayerNetwork load(Path artifact, ModelVersionInfo info) throws Exception {
        return ModelSerializer.restoreMultiLayerNetwork(artifact.toFile(), false);
    }

    @Override
    public void smokeTest(MultiLayerNetwork network, ModelVersionInfo info) {
        long[] in = withBatch(info.contract().get("inputShape"));
        long[] out = withBatch(info.contract().get("outputShape"));
        INDArray output = network.output(Nd4j.zeros(network.params().dataType(), in));
        if (!Arrays.equals(output.shape(), out) || output.isNaN().any()) {
            throw new IllegalStateException("smoke test gave " + Arrays.toString(output.shape()));
        }
    }

    private static long[] withBatch(Object sizes) {
        return LongStream.concat(LongStream.of(1), ((List<?>) sizes).stream().mapToLong(s -> ((Number) s).longValue()))
                .toArray();
    }
}
