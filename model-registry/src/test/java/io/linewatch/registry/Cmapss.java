package io.linewatch.registry;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The preprocessing the third-party C-MAPSS Keras models were trained with (see
 * {@code ../shared/data/keras/README.md}): min-max scaling fitted on the training file, 25
 * features per step in the order setting1-3, cycle_norm, s1-s21, each engine's last 50 cycles.
 */
final class Cmapss {

    static final int WINDOW = 50;
    static final int FEATURES = 25;

    /** Column of the raw file (id, cycle, setting1..3, s1..s21) that feeds each feature. */
    private static final int[] SOURCE_COLUMN = new int[FEATURES];

    static {
        SOURCE_COLUMN[0] = 2;
        SOURCE_COLUMN[1] = 3;
        SOURCE_COLUMN[2] = 4;
        SOURCE_COLUMN[3] = 1;
        for (int s = 0; s < 21; s++) {
            SOURCE_COLUMN[4 + s] = 5 + s;
        }
    }

    private Cmapss() {}

    static List<double[]> read(Path file) throws IOException {
        List<double[]> rows = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            if (line.isBlank()) {
                continue;
            }
            String[] cells = line.trim().split("\\s+");
            double[] row = new double[cells.length];
            for (int i = 0; i < cells.length; i++) {
                row[i] = Double.parseDouble(cells[i]);
            }
            rows.add(row);
        }
        return rows;
    }

    /** Per-feature min and max over the training rows. */
    static double[][] fitMinMax(List<double[]> train) {
        double[] min = new double[FEATURES];
        double[] max = new double[FEATURES];
        java.util.Arrays.fill(min, Double.POSITIVE_INFINITY);
        java.util.Arrays.fill(max, Double.NEGATIVE_INFINITY);
        for (double[] row : train) {
            for (int f = 0; f < FEATURES; f++) {
                min[f] = Math.min(min[f], row[SOURCE_COLUMN[f]]);
                max[f] = Math.max(max[f], row[SOURCE_COLUMN[f]]);
            }
        }
        return new double[][] {min, max};
    }

    /** {@code [engines, WINDOW, FEATURES]} of the engines with at least WINDOW cycles, in id order. */
    static float[][][] lastWindows(List<double[]> test, double[] min, double[] max) {
        Map<Integer, List<double[]>> byEngine = new LinkedHashMap<>();
        for (double[] row : test) {
            byEngine.computeIfAbsent((int) row[0], id -> new ArrayList<>()).add(row);
        }
        List<float[][]> windows = new ArrayList<>();
        for (List<double[]> rows : byEngine.values()) {
            if (rows.size() < WINDOW) {
                continue;
            }
            float[][] window = new float[WINDOW][FEATURES];
            for (int t = 0; t < WINDOW; t++) {
                double[] row = rows.get(rows.size() - WINDOW + t);
                for (int f = 0; f < FEATURES; f++) {
                    // Like scikit-learn's MinMaxScaler: a constant column gets range 1.
                    double range = max[f] - min[f] == 0 ? 1 : max[f] - min[f];
                    window[t][f] = (float) ((row[SOURCE_COLUMN[f]] - min[f]) / range);
                }
            }
            windows.add(window);
        }
        return windows.toArray(float[][][]::new);
    }

    static double[] readPredictions(Path csv) throws IOException {
        return Files.readAllLines(csv).stream()
                .skip(1)
                .filter(line -> !line.isBlank())
                .mapToDouble(Double::parseDouble)
                .toArray();
    }
}
