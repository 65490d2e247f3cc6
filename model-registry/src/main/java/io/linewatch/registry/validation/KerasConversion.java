package io.linewatch.registry.validation;

import java.io.File;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.modelimport.keras.KerasModel;
import org.deeplearning4j.nn.modelimport.keras.KerasSequentialModel;
import org.deeplearning4j.nn.modelimport.keras.exceptions.UnsupportedKerasConfigurationException;
import org.deeplearning4j.nn.modelimport.keras.utils.KerasModelUtils;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Keras HDF5 (Sequential) to a DL4J network without DL4J's weight initialisation: M2.1 samples
 * Keras' orthogonal recurrent initialiser through a native SVD that crashes the JVM for matrices
 * from about 50x200 up (deeplearning4j#9910). The configuration is built without weights, the
 * network is initialised with a zero parameter vector, and the Keras weights are copied in.
 */
final class KerasConversion {

    private static final Pattern LAYER = Pattern.compile("layer type ([A-Za-z0-9_]+)");

    private KerasConversion() {}

    static MultiLayerNetwork convert(File hdf5) throws NetworkCheck.RejectedException {
        KerasSequentialModel keras;
        MultiLayerConfiguration configuration;
        try {
            keras = new KerasModel()
                    .modelBuilder()
                    .modelHdf5Filename(hdf5.getAbsolutePath())
                    .enforceTrainingConfig(false)
                    .buildSequential();
            configuration = keras.getMultiLayerConfiguration();
        } catch (UnsupportedKerasConfigurationException e) {
            Matcher layer = LAYER.matcher(String.valueOf(e.getMessage()));
            String name = layer.find() ? layer.group(1) : null;
            throw new NetworkCheck.RejectedException(
                    name != null
                            ? "the Keras model uses layer " + name + ", which DL4J's Keras import does not support"
                            : "the Keras model uses a configuration DL4J cannot import: " + NetworkCheck.firstLine(e),
                    name);
        } catch (Exception | LinkageError e) {
            throw new NetworkCheck.RejectedException(
                    "the file is not a Keras Sequential HDF5 model DL4J can read: " + NetworkCheck.firstLine(e));
        }
        try {
            MultiLayerNetwork network = new MultiLayerNetwork(configuration);
            network.init(Nd4j.zeros(DataType.FLOAT, 1, parameterCount(configuration)), false);
            KerasModelUtils.copyWeightsToModel(network, keras.getLayers());
            return network;
        } catch (Exception e) {
            throw new NetworkCheck.RejectedException(
                    "the Keras weights could not be copied into the network: " + NetworkCheck.firstLine(e));
        }
    }

    private static long parameterCount(MultiLayerConfiguration configuration) {
        long count = 0;
        for (NeuralNetConfiguration layer : configuration.getConfs()) {
            count += layer.getLayer().initializer().numParams(layer);
        }
        return count;
    }
}
