package io.linewatch.monitor.model;

import org.deeplearning4j.nn.conf.BackpropType;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * Builds the LSTM forecasters. {@link #windowed} is the tutorial shape (the last LSTM returns
 * only its final step, a dense layer predicts the next sample: [batch, sensors, window] ->
 * [batch, sensors]). {@link #streaming} has the same stack but predicts the next sample at
 * every step ([batch, sensors, time] -> [batch, sensors, time]) so it can be driven with
 * {@code rnnTimeStep}, one step per new sample.
 */
public final class LstmForecasterFactory {

    public static final String PREDICTION = "prediction";

    private LstmForecasterFactory() {}

    public static String lstmName(int index) {
        return "lstm" + (index + 1);
    }

    public static MultiLayerNetwork windowed(ForecasterSpec spec) {
        var list = base(spec).list();
        for (int i = 0; i < spec.layers(); i++) {
            LSTM lstm = lstm(spec, i);
            if (i == spec.layers() - 1) {
                LastTimeStep last = new LastTimeStep(lstm);
                last.setLayerName(lstmName(i));
                list.layer(last);
            } else {
                list.layer(lstm);
            }
        }
        list.layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE)
                .name(PREDICTION)
                .nIn(spec.units())
                .nOut(spec.sensors())
                .activation(Activation.IDENTITY)
                .build());
        return init(list.setInputType(InputType.recurrent(spec.sensors(), spec.window()))
                .build());
    }

    public static MultiLayerNetwork streaming(ForecasterSpec spec) {
        var list = base(spec).list();
        for (int i = 0; i < spec.layers(); i++) {
            list.layer(lstm(spec, i));
        }
        list.layer(new RnnOutputLayer.Builder(LossFunctions.LossFunction.MSE)
                .name(PREDICTION)
                .nIn(spec.units())
                .nOut(spec.sensors())
                .activation(Activation.IDENTITY)
                .build());
        // trained with truncated back-propagation through time, W steps per segment and the state
        // carried across segments (as rnnTimeStep carries it when serving); inference is unaffected
        return init(list.backpropType(BackpropType.TruncatedBPTT)
                .tBPTTForwardLength(spec.window())
                .tBPTTBackwardLength(spec.window())
                .setInputType(InputType.recurrent(spec.sensors()))
                .build());
    }

    private static NeuralNetConfiguration.Builder base(ForecasterSpec spec) {
        return new NeuralNetConfiguration.Builder()
                .seed(spec.seed())
                .updater(new Adam(spec.learningRate()))
                .weightInit(WeightInit.XAVIER);
    }

    private static LSTM lstm(ForecasterSpec spec, int index) {
        return new LSTM.Builder()
                .name(lstmName(index))
                .nIn(index == 0 ? spec.sensors() : spec.units())
                .nOut(spec.units())
                .activation(Activation.TANH)
                .build();
    }

    private static MultiLayerNetwork init(MultiLayerConfiguration conf) {
        MultiLayerNetwork network = new MultiLayerNetwork(conf);
        network.init();
        return network;
    }
}
