package io.linewatch.registry.validation;

import java.io.File;
import java.nio.file.Path;
import java.util.Arrays;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import tools.jackson.databind.json.JsonMapper;

/**
 * The validator JVM's entry point (not a Spring application):
 * {@code ValidatorMain validate|keras <input> <output|-> <inputShape> <outputShape> <result.json>},
 * shapes as comma-separated sizes without the batch dimension. Exit 0 with a result file in
 * every handled case; anything else (a native crash, a kill on timeout) is the parent's to report.
 */
public final class ValidatorMain {

    private ValidatorMain() {}

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        File input = new File(args[1]);
        long[] inputShape = shape(args[3]);
        long[] outputShape = shape(args[4]);
        ValidationResult result;
        try {
            Model network;
            if ("keras".equals(mode)) {
                MultiLayerNetwork converted = KerasConversion.convert(input);
                result = NetworkCheck.forwardPass(converted, inputShape, outputShape);
                ModelSerializer.writeModel(converted, new File(args[2]), false);
                // Restoring what was written proves the stored artifact, not just the in-memory net.
                network = NetworkCheck.restore(new File(args[2]));
            } else {
                network = NetworkCheck.restore(input);
            }
            result = NetworkCheck.forwardPass(network, inputShape, outputShape);
        } catch (NetworkCheck.RejectedException e) {
            result = new ValidationResult(false, e.getMessage(), e.layer, null, 0, null);
        }
        JsonMapper.builder().build().writeValue(Path.of(args[5]).toFile(), result);
        System.exit(0);
    }

    private static long[] shape(String csv) {
        return Arrays.stream(csv.split(",")).mapToLong(Long::parseLong).toArray();
    }
}
