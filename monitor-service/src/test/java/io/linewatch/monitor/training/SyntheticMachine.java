package io.linewatch.monitor.training;

import java.util.Random;

/** Generated telemetry for tests: correlated periodic sensors with noise, and an injected fault. */
public final class SyntheticMachine {

    private SyntheticMachine() {}

    /** {@code rows} samples of {@code sensors} sensors that follow one shared cycle with per-sensor phase. */
    public static double[][] normal(int rows, int sensors, long seed) {
        Random random = new Random(seed);
        double[][] out = new double[rows][sensors];
        for (int r = 0; r < rows; r++) {
            double phase = r * 2 * Math.PI / 20;
            for (int s = 0; s < sensors; s++) {
                out[r][s] = 10 * (s + 1) + Math.sin(phase + s * 0.7) * (1 + s * 0.2) + random.nextGaussian() * 0.05;
            }
        }
        return out;
    }

    /** Adds a step of {@code size} to one sensor on rows [from, to) of a copy. */
    public static double[][] withFault(double[][] rows, int sensor, int from, int to, double size) {
        double[][] out = new double[rows.length][];
        for (int r = 0; r < rows.length; r++) {
            out[r] = rows[r].clone();
            if (r >= from && r < to) {
                out[r][sensor] += size;
            }
        }
        return out;
    }
}
