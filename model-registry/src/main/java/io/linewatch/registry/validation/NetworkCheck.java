package io.linewatch.registry.validation;

import java.io.File;
import java.util.Arrays;
import java.util.stream.LongStream;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Restores a DL4J artifact and runs one forward pass on zeros of the declared input shape. */
final class NetworkCheck {

    private NetworkCheck() {}

    static Model restore(File artifact) throws RejectedException {
        try {
            return ModelSerializer.restoreMultiLayerNetwork(artifact, false);
        } catch (Exception | LinkageError multiLayer) {
            try {
                return ModelSerializer.restoreComputationGraph(artifact, false);
            } catch (Exception | LinkageError graph) {
                throw new RejectedException(
                        "the artifact does not restore as a DL4J network (corrupt, truncated or not a "
                                + "ModelSerializer zip): " + firstLine(multiLayer));
            }
        }
    }

    static ValidationResult forwardPass(Model network, long[] inputShape, long[] outputShape) throws RejectedException {
        long[] in =
                LongStream.concat(LongStream.of(1), Arrays.stream(inputShape)).toArray();
        long[] expected =
                LongStream.concat(LongStream.of(1), Arrays.stream(outputShape)).toArray();
        INDArray output;
        try {
            INDArray zeros = Nd4j.zeros(network.params().dataType(), in);
            output = network instanceof MultiLayerNetwork mln
                    ? mln.output(zeros)
                    : ((ComputationGraph) network).outputSingle(zeros);
        } catch (Exception e) {
            throw new RejectedException("a forward pass on zeros of the declared input shape " + Arrays.toString(in)
                    + " failed: " + firstLine(e));
        }
        if (!Arrays.equals(output.shape(), expected)) {
            throw new RejectedException("the declared output shape " + Arrays.toString(expected)
                    + " does not match the network's output " + Arrays.toString(output.shape())
                    + " for input " + Arrays.toString(in));
        }
        if (output.isInfinite().any() || output.isNaN().any()) {
            throw new RejectedException("the forward pass on zeros produced NaN or infinite values");
        }
        return new ValidationResult(
                true,
                null,
                null,
                network.getClass().getSimpleName(),
                network.numParams(),
                Arrays.stream(output.shape()).boxed().toList());
    }

    static String firstLine(Throwable e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int newline = message.indexOf('\n');
        return newline > 0 ? message.substring(0, newline) : message;
    }

    /** The artifact is not acceptable; the message says why. */
    static class RejectedException extends Exception {
        final String layer;

        RejectedException(String message) {
            this(message, null);
        }

        RejectedException(String message, String layer) {
            super(message);
            this.layer = layer;
        }
    }
}
