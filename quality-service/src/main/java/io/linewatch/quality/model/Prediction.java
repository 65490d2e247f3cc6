package io.linewatch.quality.model;

import java.util.Map;

/**
 * The model's answer for one image.
 *
 * @param predictedClass the most probable label
 * @param confidence probability of {@code predictedClass}
 * @param pDefect probability of any non-good label; NaN when the model has no good class
 * @param probabilities probability per label, in label order
 */
public record Prediction(
        String predictedClass, double confidence, double pDefect, Verdict verdict, Map<String, Double> probabilities) {}
