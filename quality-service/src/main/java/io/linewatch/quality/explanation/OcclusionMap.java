package io.linewatch.quality.explanation;

import io.linewatch.quality.image.InputShape;
import io.linewatch.quality.model.DefectClassifier;
import io.linewatch.quality.model.ModelContract;
import java.util.ArrayList;
import java.util.List;

/**
 * Occlusion sensitivity: a square patch filled with the training mean slides over the prepared
 * image and every occluded copy is scored in one batched call. A cell's value is how much the
 * explained score falls when its patches are hidden (never negative), so bright cells are where
 * the model saw the defect. The explained score is {@code pDefect} when the model has a good
 * class, otherwise the probability of the class predicted for the whole image.
 *
 * @param values {@code height x width} of the model input, in score units (0-1)
 */
public record OcclusionMap(float[][] values, double score) {

    public static OcclusionMap compute(DefectClassifier classifier, float[] prepared, int patch, int stride) {
        ModelContract contract = classifier.contract();
        InputShape shape = contract.input();
        float[] padding = contract.padding();
        float[] base = classifier.probabilities(List.of(prepared))[0];
        int target = argmax(base);
        double baseScore = score(classifier, base, target);
        List<int[]> origins = new ArrayList<>();
        List<float[]> occluded = new ArrayList<>();
        for (int y = 0; y + patch <= shape.height() + stride - 1 && y < shape.height(); y += stride) {
            for (int x = 0; x + patch <= shape.width() + stride - 1 && x < shape.width(); x += stride) {
                origins.add(new int[] {x, y});
                occluded.add(occlude(prepared, shape, padding, x, y, patch));
            }
        }
        float[][] probabilities = classifier.probabilities(occluded);
        float[][] sum = new float[shape.height()][shape.width()];
        int[][] count = new int[shape.height()][shape.width()];
        for (int i = 0; i < origins.size(); i++) {
            float drop = (float) Math.max(0, baseScore - score(classifier, probabilities[i], target));
            int x0 = origins.get(i)[0];
            int y0 = origins.get(i)[1];
            for (int y = y0; y < Math.min(shape.height(), y0 + patch); y++) {
                for (int x = x0; x < Math.min(shape.width(), x0 + patch); x++) {
                    sum[y][x] += drop;
                    count[y][x]++;
                }
            }
        }
        for (int y = 0; y < shape.height(); y++) {
            for (int x = 0; x < shape.width(); x++) {
                sum[y][x] = count[y][x] == 0 ? 0 : sum[y][x] / count[y][x];
            }
        }
        return new OcclusionMap(sum, baseScore);
    }

    private static double score(DefectClassifier classifier, float[] probabilities, int target) {
        double pDefect = classifier.pDefect(probabilities);
        return Double.isNaN(pDefect) ? probabilities[target] : pDefect;
    }

    private static float[] occlude(float[] prepared, InputShape shape, float[] padding, int x0, int y0, int patch) {
        float[] copy = prepared.clone();
        int area = shape.height() * shape.width();
        for (int c = 0; c < shape.channels(); c++) {
            for (int y = y0; y < Math.min(shape.height(), y0 + patch); y++) {
                for (int x = x0; x < Math.min(shape.width(), x0 + patch); x++) {
                    copy[c * area + y * shape.width() + x] = padding[c];
                }
            }
        }
        return copy;
    }

    private static int argmax(float[] values) {
        int best = 0;
        for (int i = 1; i < values.length; i++) {
            if (values[i] > values[best]) {
                best = i;
            }
        }
        return best;
    }
}
