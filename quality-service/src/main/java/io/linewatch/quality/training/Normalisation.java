package io.linewatch.quality.training;

import io.linewatch.quality.image.InputShape;

/**
 * Per-channel mean and standard deviation (pixel units) over the content pixels of the fitting
 * images, never the validation or test images. A near-constant channel gets a std of 1 so
 * normalisation cannot divide by zero.
 */
final class Normalisation {

    private Normalisation() {}

    /** Returns {@code {mean[], std[]}}. */
    static double[][] fit(PreparedImages images) {
        InputShape shape = images.shape();
        int channels = shape.channels();
        int area = shape.height() * shape.width();
        float[] zero = new float[channels];
        double[] sum = new double[channels];
        double[] sumSq = new double[channels];
        long n = 0;
        for (int i = 0; i < images.size(); i++) {
            float[] image = images.get(i, zero);
            int[] rect = images.rect(i);
            for (int c = 0; c < channels; c++) {
                for (int y = rect[1]; y < rect[1] + rect[3]; y++) {
                    for (int x = rect[0]; x < rect[0] + rect[2]; x++) {
                        double v = image[c * area + y * shape.width() + x];
                        sum[c] += v;
                        sumSq[c] += v * v;
                    }
                }
            }
            n += (long) rect[2] * rect[3];
        }
        double[] mean = new double[channels];
        double[] std = new double[channels];
        for (int c = 0; c < channels; c++) {
            mean[c] = n == 0 ? 127.5 : sum[c] / n;
            double sd = n == 0 ? 0 : Math.sqrt(Math.max(0, sumSq[c] / n - mean[c] * mean[c]));
            std[c] = sd < 1e-3 ? 1.0 : sd;
        }
        return new double[][] {mean, std};
    }
}
