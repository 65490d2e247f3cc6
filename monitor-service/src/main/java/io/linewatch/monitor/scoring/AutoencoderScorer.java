package io.linewatch.monitor.scoring;

import java.util.Arrays;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.shape.Shape;

/**
 * Scores windows with an LSTM autoencoder in batches.
 *
 * <p>A sensor's error is the square of its mean reconstruction residual over the window (a
 * sustained deviation, not sample noise: white noise the autoencoder cannot reproduce averages
 * out, a shifted level does not), divided by that sensor's typical error on held-back normal
 * windows ({@code errorScales}) so that a sensor that is always hard to reconstruct does not
 * dominate every score. The score is the mean of the scaled sensor errors and each sensor's share
 * of it is its contribution.
 *
 * <p>Not thread-safe (DL4J's {@code output} is synchronized per network): give each worker thread
 * its own scorer over its own network clone.
 */
public final class AutoencoderScorer {

    private final MultiLayerNetwork network;
    private final int window;
    private final int batchSize;
    private final double[] errorScales;
    private float[] output = new float[0];

    /** {@code errorScales} null means 1 for every sensor (used while calibrating them). */
    public AutoencoderScorer(MultiLayerNetwork network, int window, int batchSize, double[] errorScales) {
        this.network = network;
        this.window = window;
        this.batchSize = batchSize;
        this.errorScales = errorScales == null ? null : errorScales.clone();
    }

    /** Unscaled per-sensor errors of a batch of windows [batch, sensors, window] -> [batch][sensor]. */
    public double[][] sensorErrors(INDArray windows) {
        INDArray reconstruction = network.output(windows, false);
        INDArray meanResidual = windows.sub(reconstruction).mean(2);
        meanResidual.muli(meanResidual);
        return Windows.rows(meanResidual);
    }

    /**
     * The live path's form of {@link #score}: the batch is {@code flat[0, batch x sensors x W)} in
     * [batch, sensors, time] order (single precision) and {@code input} the same values as an
     * INDArray; writes each window's scaled sensor errors (the same formula: squared mean residual
     * over the window / the sensor's error scale) to {@code errors[b x sensors + s]}, computed in
     * Java from one bulk copy of the reconstruction instead of further array ops.
     */
    public void scaledErrors(INDArray input, float[] flat, int batch, double[] errors) {
        INDArray reconstruction = network.output(input, false);
        int sensors = (int) input.size(1);
        int length = batch * sensors * window;
        if (reconstruction.dataType() != DataType.FLOAT) {
            reconstruction = reconstruction.castTo(DataType.FLOAT);
        }
        if (reconstruction.ordering() != 'c'
                || reconstruction.offset() != 0
                || !Shape.hasDefaultStridesForShape(reconstruction)
                || reconstruction.data().length() != length) {
            reconstruction = reconstruction.dup('c');
        }
        if (output.length < length) {
            output = new float[length];
        }
        reconstruction.data().asNioFloat().get(output, 0, length);
        for (int b = 0; b < batch; b++) {
            for (int s = 0; s < sensors; s++) {
                int base = (b * sensors + s) * window;
                double residual = 0;
                for (int t = 0; t < window; t++) {
                    residual += (double) flat[base + t] - output[base + t];
                }
                double mean = residual / window;
                double error = mean * mean;
                errors[b * sensors + s] = errorScales == null ? error : error / errorScales[s];
            }
        }
    }

    /** The bare network call on a batch, nothing else: the raw figure the benchmark compares with. */
    public void rawOutput(INDArray windows) {
        network.output(windows, false);
    }

    /** Scores a batch of windows [batch, sensors, window]. */
    public Score[] score(INDArray windows) {
        double[][] perSensor = sensorErrors(windows);
        Score[] scores = new Score[perSensor.length];
        for (int b = 0; b < perSensor.length; b++) {
            if (errorScales != null) {
                for (int s = 0; s < perSensor[b].length; s++) {
                    perSensor[b][s] /= errorScales[s];
                }
            }
            scores[b] = Score.fromSensorErrors(perSensor[b]);
        }
        return scores;
    }

    /**
     * Scores the window ending at every row in [from, to) of normalised rows, in batches. Rows
     * without a full window before them get no score (null).
     */
    public Score[] scoreRows(double[][] rows, int from, int to) {
        Score[] out = new Score[to - from];
        int[] ends = Windows.endsBetween(from, to, window);
        for (int i = 0; i < ends.length; i += batchSize) {
            int[] batch = Arrays.copyOfRange(ends, i, Math.min(ends.length, i + batchSize));
            Score[] scores = score(Windows.ending(rows, batch, window));
            for (int b = 0; b < batch.length; b++) {
                out[batch[b] - from] = scores[b];
            }
        }
        return out;
    }

    /** Unscaled per-sensor errors of the windows ending at every row in [from, to) (rows with a full window only). */
    public double[][] sensorErrorRows(double[][] rows, int from, int to) {
        int[] ends = Windows.endsBetween(from, to, window);
        double[][] out = new double[ends.length][];
        for (int i = 0; i < ends.length; i += batchSize) {
            int[] batch = Arrays.copyOfRange(ends, i, Math.min(ends.length, i + batchSize));
            double[][] errors = sensorErrors(Windows.ending(rows, batch, window));
            System.arraycopy(errors, 0, out, i, errors.length);
        }
        return out;
    }

    public int window() {
        return window;
    }
}
