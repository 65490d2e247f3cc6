package io.linewatch.quality.model;

import io.linewatch.quality.image.InputShape;
import java.util.List;
import java.util.Map;

/**
 * Everything needed to use a trained network correctly, saved beside its weights.
 *
 * <p>Inputs are prepared with {@link io.linewatch.quality.image.ImagePreparer} to {@code input},
 * padded with {@code mean}, then normalised per channel as {@code (pixel - mean) / std} (pixel
 * units, fitted on the training images only). {@code goodClasses} are the labels that mean a good
 * part; {@code pDefect} is the summed probability of all other labels. The verdict is PASS below
 * {@code reviewLow}, FAIL at or above {@code reviewHigh}, REVIEW between; a model without a good
 * class reviews any prediction whose top probability is below {@code reviewHigh}.
 *
 * @param metrics validation and evaluation figures recorded when the model was trained
 * @param training the settings the model was trained with, for reproducibility
 */
public record ModelContract(
        int formatVersion,
        List<String> labels,
        InputShape input,
        double[] mean,
        double[] std,
        List<String> goodClasses,
        double defectThreshold,
        double reviewLow,
        double reviewHigh,
        Map<String, Double> metrics,
        Map<String, String> training) {

    public static final int FORMAT_VERSION = 1;

    public ModelContract {
        labels = List.copyOf(labels);
        goodClasses = List.copyOf(goodClasses);
        metrics = Map.copyOf(metrics);
        training = Map.copyOf(training);
        if (labels.size() < 2) {
            throw new IllegalArgumentException("a classifier needs at least two labels");
        }
        if (mean.length != input.channels() || std.length != input.channels()) {
            throw new IllegalArgumentException("normalisation must have one mean and std per channel");
        }
        if (!(0 <= reviewLow && reviewLow <= defectThreshold && defectThreshold <= reviewHigh && reviewHigh <= 1)) {
            throw new IllegalArgumentException(
                    "thresholds must satisfy 0 <= reviewLow <= defectThreshold <= reviewHigh <= 1");
        }
        if (!labels.containsAll(goodClasses)) {
            throw new IllegalArgumentException("good classes " + goodClasses + " are not all labels " + labels);
        }
    }

    public boolean hasGoodClass() {
        return !goodClasses.isEmpty();
    }

    /** The padding value per channel: the training mean, so padding normalises to zero. */
    public float[] padding() {
        float[] padding = new float[mean.length];
        for (int c = 0; c < mean.length; c++) {
            padding[c] = (float) mean[c];
        }
        return padding;
    }

    public ModelContract withMetrics(Map<String, Double> newMetrics) {
        return new ModelContract(
                formatVersion,
                labels,
                input,
                mean,
                std,
                goodClasses,
                defectThreshold,
                reviewLow,
                reviewHigh,
                newMetrics,
                training);
    }
}
