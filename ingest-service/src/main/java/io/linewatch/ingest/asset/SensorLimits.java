package io.linewatch.ingest.asset;

/**
 * The part of a sensor that telemetry validation needs, as primitives so the hot path does not
 * unbox; an unbounded side is {@code -/+Infinity}.
 */
public record SensorLimits(double min, double max) {

    static SensorLimits of(Double min, Double max) {
        return new SensorLimits(
                min == null ? Double.NEGATIVE_INFINITY : min, max == null ? Double.POSITIVE_INFINITY : max);
    }

    public boolean contains(double value) {
        return value >= min && value <= max;
    }
}
