package io.linewatch.registry;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** Small real DL4J networks for tests: 4 inputs -> 3 softmax outputs, different weights per seed. */
public final class TestNetworks {

    public static final String CONTRACT_4_TO_3 = "{\"inputShape\":[4],\"outputShape\":[3]}";

    private TestNetworks() {}

    public static byte[] dense(long seed) {
        var configuration = new NeuralNetConfiguration.Builder()
                .seed(seed)
                .list()
                .layer(new DenseLayer.Builder()
                        .nIn(4)
                        .nOut(8)
                        .activation(Activation.RELU)
                        .build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                        .nIn(8)
                        .nOut(3)
                        .activation(Activation.SOFTMAX)
                        .build())
                .build();
        MultiLayerNetwork network = new MultiLayerNetwork(configuration);
        network.init();
        var out = new ByteArrayOutputStream();
        try {
            ModelSerializer.writeModel(network, out, false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    public static String metadata(String description) {
        return "{\"description\":\"" + description + "\",\"contract\":" + CONTRACT_4_TO_3
                + ",\"thresholds\":{\"anomaly\":0.7},\"normalizer\":{\"type\":\"min-max\",\"min\":[0,0,0,0],"
                + "\"max\":[1,1,1,1]},\"trainingData\":{\"dataset\":\"synthetic\"}}";
    }

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
