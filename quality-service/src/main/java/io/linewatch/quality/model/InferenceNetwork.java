package io.linewatch.quality.model;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.params.BatchNormalizationParamInitializer;
import org.deeplearning4j.nn.params.ConvolutionParamInitializer;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The inference form of a trained network: every {@code convolution -> batch normalisation
 * [-> activation]} run becomes one convolution with a bias and that activation. At inference time
 * batch normalisation is a fixed per-channel affine map {@code y = gamma * (z - mean) / std + beta}
 * with {@code std = sqrt(var + eps)} (DL4J adds {@code eps} also when it stores the deviation as
 * {@code log10stdev}, {@code var = (10^log10stdev)^2}), so with {@code s = gamma / std} per output
 * channel the convolution's weights become {@code W * s} and its bias
 * {@code beta + (b - mean) * s}. This removes two full passes (and two activation tensors) over
 * every convolution output per call.
 *
 * <p>The result is a separate network for {@code output()} only: it keeps no training state, has
 * no batch normalisation to update and must not be trained or saved as the model; the trained
 * network stays the one that is saved and registered. Layers that do not fit the pattern (another
 * convolution type, a convolution with its own non-identity activation, an input preprocessor in
 * the middle of the run) are copied unchanged, so any network folds to an equivalent one.
 */
public final class InferenceNetwork {

    private InferenceNetwork() {}

    /** A new network equivalent to {@code trained} for {@code output(x, false)}, with batch normalisation folded. */
    public static MultiLayerNetwork of(MultiLayerNetwork trained) {
        MultiLayerConfiguration original = trained.getLayerWiseConfigurations();
        MultiLayerConfiguration conf = original.clone();
        List<NeuralNetConfiguration> layers = conf.getConfs();
        Map<Integer, InputPreProcessor> preprocessors = conf.getInputPreProcessors();
        List<NeuralNetConfiguration> folded = new ArrayList<>();
        Map<Integer, InputPreProcessor> foldedPreprocessors = new HashMap<>();
        List<Step> steps = new ArrayList<>();
        for (int i = 0; i < layers.size(); ) {
            int span = foldable(layers, preprocessors, i);
            NeuralNetConfiguration layer = layers.get(i);
            if (preprocessors.containsKey(i)) {
                foldedPreprocessors.put(folded.size(), preprocessors.get(i));
            }
            if (span > 1) {
                ConvolutionLayer conv = (ConvolutionLayer) layer.getLayer();
                conv.setHasBias(true);
                if (span == 3) {
                    conv.setActivationFn(((ActivationLayer) layers.get(i + 2).getLayer()).getActivationFn());
                }
            }
            steps.add(new Step(i, span));
            folded.add(layer);
            i += span;
        }
        conf.setConfs(folded);
        conf.setInputPreProcessors(foldedPreprocessors);
        MultiLayerNetwork network = new MultiLayerNetwork(conf);
        network.init();
        for (int j = 0; j < steps.size(); j++) {
            Step step = steps.get(j);
            var source = trained.getLayer(step.first());
            var target = network.getLayer(j);
            if (step.span() > 1) {
                fold(source, trained.getLayer(step.first() + 1), target);
            } else if (target.numParams() > 0) {
                target.setParams(source.params());
            }
        }
        return network;
    }

    /** How many layers from {@code i} fold into one: 3 (conv, BN, activation), 2 (conv, BN) or 1. */
    private static int foldable(
            List<NeuralNetConfiguration> layers, Map<Integer, InputPreProcessor> preprocessors, int i) {
        if (i + 1 >= layers.size()
                || layers.get(i).getLayer().getClass() != ConvolutionLayer.class
                || !(layers.get(i + 1).getLayer() instanceof BatchNormalization bn)
                || preprocessors.containsKey(i + 1)) {
            return 1;
        }
        ConvolutionLayer conv = (ConvolutionLayer) layers.get(i).getLayer();
        IActivation activation = conv.getActivationFn();
        if (!(activation instanceof ActivationIdentity) || conv.getCnn2dDataFormat() != bn.getCnn2DFormat()) {
            return 1;
        }
        if (i + 2 < layers.size()
                && layers.get(i + 2).getLayer() instanceof ActivationLayer
                && !preprocessors.containsKey(i + 2)) {
            return 3;
        }
        return 2;
    }

    private static void fold(
            org.deeplearning4j.nn.api.Layer conv,
            org.deeplearning4j.nn.api.Layer norm,
            org.deeplearning4j.nn.api.Layer target) {
        BatchNormalization bn = (BatchNormalization) norm.conf().getLayer();
        ConvolutionLayer convConf = (ConvolutionLayer) conv.conf().getLayer();
        INDArray weights = conv.getParam(ConvolutionParamInitializer.WEIGHT_KEY);
        DataType type = weights.dataType();
        long outChannels = weights.size(0);
        INDArray mean = row(norm.getParam(BatchNormalizationParamInitializer.GLOBAL_MEAN));
        INDArray variance;
        if (bn.isUseLogStd()) {
            // var = (10^log10stdev)^2, with 10^x as exp(x ln 10)
            INDArray deviation = Transforms.exp(
                    row(norm.getParam(BatchNormalizationParamInitializer.GLOBAL_LOG_STD))
                            .muli(Math.log(10)),
                    false);
            variance = deviation.mul(deviation);
        } else {
            variance = row(norm.getParam(BatchNormalizationParamInitializer.GLOBAL_VAR));
        }
        INDArray std = Transforms.sqrt(variance.add(bn.getEps()));
        INDArray gamma;
        INDArray beta;
        if (bn.isLockGammaBeta()) {
            gamma = mean.like().assign(bn.getGamma());
            beta = mean.like().assign(bn.getBeta());
        } else {
            gamma = row(norm.getParam(BatchNormalizationParamInitializer.GAMMA));
            beta = row(norm.getParam(BatchNormalizationParamInitializer.BETA));
        }
        INDArray scale = gamma.div(std);
        INDArray bias = convConf.hasBias() ? row(conv.getParam(ConvolutionParamInitializer.BIAS_KEY)) : mean.like();
        INDArray newBias = beta.add(bias.sub(mean).mul(scale));
        INDArray newWeights = weights.castTo(DataType.DOUBLE)
                .dup('c')
                .reshape('c', outChannels, weights.length() / outChannels)
                .mulColumnVector(scale.reshape(outChannels, 1))
                .reshape('c', weights.shape());
        target.setParam(ConvolutionParamInitializer.WEIGHT_KEY, newWeights.castTo(type));
        INDArray targetBias = target.getParam(ConvolutionParamInitializer.BIAS_KEY);
        target.setParam(
                ConvolutionParamInitializer.BIAS_KEY,
                newBias.reshape(targetBias.shape()).castTo(type));
    }

    private static INDArray row(INDArray values) {
        return values.castTo(DataType.DOUBLE).dup().reshape(values.length());
    }

    private record Step(int first, int span) {}

    /** True when any layer of {@code network} is a batch normalisation. */
    static boolean hasBatchNormalization(MultiLayerNetwork network) {
        for (org.deeplearning4j.nn.api.Layer layer : network.getLayers()) {
            Layer conf = layer.conf().getLayer();
            if (conf instanceof BatchNormalization) {
                return true;
            }
        }
        return false;
    }
}
