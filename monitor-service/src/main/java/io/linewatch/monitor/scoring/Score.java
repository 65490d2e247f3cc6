package io.linewatch.monitor.scoring;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * One anomaly score with each sensor's share of it: {@code contributions[s]} is sensor s's part of
 * the squared error, normalised so the shares add up to 1 (equal shares when the error is 0).
 */
public record Score(double value, double[] contributions) {

    public Score {
        contributions = contributions.clone();
    }

    @Override
    public double[] contributions() {
        return contributions.clone();
    }

    /** Builds a score from per-sensor mean squared errors: value = their mean. */
    public static Score fromSensorErrors(double[] sensorErrors) {
        double sum = 0;
        for (double e : sensorErrors) {
            sum += e;
        }
        double[] shares = new double[sensorErrors.length];
        for (int s = 0; s < shares.length; s++) {
            shares[s] = sum > 0 ? sensorErrors[s] / sum : 1.0 / shares.length;
        }
        return new Score(sum / sensorErrors.length, shares);
    }

    /** The {@code limit} sensors with the largest shares, largest first. */
    public List<SensorShare> top(List<String> sensorNames, int limit) {
        List<SensorShare> all = new ArrayList<>();
        for (int s = 0; s < contributions.length; s++) {
            all.add(new SensorShare(sensorNames.get(s), contributions[s]));
        }
        all.sort(Comparator.comparingDouble(SensorShare::share).reversed());
        return List.copyOf(all.subList(0, Math.min(limit, all.size())));
    }

    /** A named sensor's share of a score. */
    public record SensorShare(String sensor, double share) {}
}
