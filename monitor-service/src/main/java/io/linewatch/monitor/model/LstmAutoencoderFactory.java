package io.linewatch.monitor.model;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.conf.layers.misc.RepeatVector;
import org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * Builds the LSTM autoencoder: encoder LSTM -> last step (the bottleneck) -> repeated W times ->
 * decoder LSTM -> per-step linear reconstruction of every sensor. The bottleneck is what makes it
 * an autoencoder; a sequence-to-sequence LSTM without it learns the identity and flags nothing.
 * Input and output are DL4J's [batch, sensors, time].
 */
public final class LstmAutoencoderFactory {

    public static final String ENCODER = "encoder";
    public static final String REPEAT = "repeat";
    public static final String DECODER = "decoder";
    public static final String RECONSTRUCTION = "reconstruction";

    private LstmAutoencoderFactory() {}

    public static MultiLayerNetwork create(AutoencoderSpec spec) {
        LastTimeStep encoder = new LastTimeStep(new LSTM.Builder()
                .nIn(spec.sensors())
                .nOut(spec.units())
                .activation(Activation.TANH)
                .build());
        encoder.setLayerName(ENCODER);
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(spec.seed())
                .updater(new Adam(spec.learningRate()))
                .weightInit(WeightInit.XAVIER)
                .list()
                .layer(encoder)
                .layer(new RepeatVector.Builder(spec.window()).name(REPEAT).build())
                .layer(new LSTM.Builder()
                        .name(DECODER)
                        .nIn(spec.units())
                        .nOut(spec.units())
                        .activation(Activation.TANH)
                        .build())
                .layer(new RnnOutputLayer.Builder(LossFunctions.LossFunction.MSE)
                        .name(RECONSTRUCTION)
                        .nIn(spec.units())
                        .nOut(spec.sensors())
                        .activation(Activation.IDENTITY)
                        .build())
                .setInputType(InputType.recurrent(spec.sensors(), spec.window()))
                .build();
        MultiLayerNetwork network = new MultiLayerNetwork(conf);
        network.init();
        return network;
    }
}
