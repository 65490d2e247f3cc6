package io.linewatch.quality.model;

import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;

/**
 * Builds the inspection CNN from a {@link NetworkSpec}; pure, so the same spec and seed give the
 * same initial weights. Blocks of 3x3 convolution + batch normalisation + ReLU end in 2x2 max
 * pooling; global pooling (average, or max for small defects on large parts) then makes the
 * classifier independent of where on the part the defect lies, and keeps the parameter count small
 * enough for a few hundred training images.
 *
 * <p>The first convolution may use a larger kernel and a stride (the stem), so a large input is
 * seen at full resolution while the later blocks run on a quarter of the pixels.
 *
 * <p>Layer names are stable ({@code block1_conv1}, {@code block1_bn1}, {@code block1_relu1},
 * {@code block1_pool}, ..., {@code gap}, {@code output}) so explanations can address them.
 */
public final class DefectNetFactory {

    private DefectNetFactory() {}

    public static MultiLayerNetwork build(NetworkSpec spec) {
        var layers = new NeuralNetConfiguration.Builder()
                .seed(spec.seed())
                .updater(new Adam(spec.learningRate()))
                .weightInit(WeightInit.RELU)
                .l2(spec.l2())
                .convolutionMode(ConvolutionMode.Same)
                .list();
        for (int b = 0; b < spec.filters().size(); b++) {
            String block = "block" + (b + 1);
            for (int c = 1; c <= spec.convsPerBlock(); c++) {
                boolean stem = b == 0 && c == 1;
                int kernel = stem ? spec.stemKernel() : 3;
                int stride = stem ? spec.stemStride() : 1;
                layers.layer(new ConvolutionLayer.Builder(kernel, kernel)
                        .stride(stride, stride)
                        .nOut(spec.filters().get(b))
                        .activation(Activation.IDENTITY)
                        .hasBias(false)
                        .name(block + "_conv" + c)
                        .build());
                layers.layer(
                        new BatchNormalization.Builder().name(block + "_bn" + c).build());
                layers.layer(new ActivationLayer.Builder()
                        .activation(Activation.RELU)
                        .name(block + "_relu" + c)
                        .build());
            }
            layers.layer(new SubsamplingLayer.Builder(PoolingType.MAX)
                    .kernelSize(2, 2)
                    .stride(2, 2)
                    .name(block + "_pool")
                    .build());
        }
        layers.layer(
                new GlobalPoolingLayer.Builder(spec.globalPooling()).name("gap").build());
        layers.layer(new OutputLayer.Builder(new LossMCXENT(Nd4j.create(toFloats(spec.classWeights()))))
                .nOut(spec.classes())
                .activation(Activation.SOFTMAX)
                .weightInit(WeightInit.XAVIER)
                .dropOut(spec.dropoutRetain())
                .name("output")
                .build());
        layers.setInputType(InputType.convolutional(
                spec.input().height(), spec.input().width(), spec.input().channels()));
        MultiLayerNetwork network = new MultiLayerNetwork(layers.build());
        network.init();
        return network;
    }

    private static float[] toFloats(double[] values) {
        float[] floats = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            floats[i] = (float) values[i];
        }
        return floats;
    }
}
