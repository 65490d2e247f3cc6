package io.linewatch.quality.benchmark;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Measures several batched calls fairly on a shared machine: after a warm-up, the calls take turns
 * in short rounds, so background load changes hit all of them alike; each rate is the median of its
 * rounds.
 */
final class Throughput {

    private static final int ROUNDS = 5;

    private final double seconds;

    Throughput(double seconds) {
        this.seconds = seconds;
    }

    Map<String, Double> alternate(List<String> names, List<Runnable> calls, int imagesPerCall) {
        for (Runnable call : calls) {
            long end = System.nanoTime() + (long) (Math.min(2.0, seconds / 3) * 1e9);
            do {
                call.run();
            } while (System.nanoTime() < end);
        }
        double[][] rates = new double[calls.size()][ROUNDS];
        long roundNanos = (long) (seconds / ROUNDS * 1e9);
        for (int r = 0; r < ROUNDS; r++) {
            for (int c = 0; c < calls.size(); c++) {
                long start = System.nanoTime();
                int n = 0;
                do {
                    calls.get(c).run();
                    n++;
                } while (System.nanoTime() - start < roundNanos);
                rates[c][r] = n * (double) imagesPerCall / ((System.nanoTime() - start) / 1e9);
            }
        }
        Map<String, Double> result = new LinkedHashMap<>();
        for (int c = 0; c < calls.size(); c++) {
            result.put(names.get(c), new Percentiles(rates[c]).at(50));
        }
        return result;
    }
}
