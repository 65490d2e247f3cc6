package io.linewatch.monitor.model;

/**
 * How scores become health states: an alarm needs {@code debounce} consecutive windows above the
 * threshold; once in alarm, the machine returns to OK only after {@code clearAfter} consecutive
 * windows below {@code clearRatio x threshold} (hysteresis, so a score hovering at the threshold
 * does not flap). {@code smoothing} in [0, 1) is the weight of the previous value in an
 * exponential moving average of the score (0 = none), applied before the comparison.
 */
public record AlarmPolicy(int debounce, double clearRatio, int clearAfter, double smoothing) {

    public AlarmPolicy {
        if (debounce < 1 || clearAfter < 1) {
            throw new IllegalArgumentException("debounce and clearAfter must be at least 1");
        }
        if (clearRatio <= 0 || clearRatio > 1) {
            throw new IllegalArgumentException("clearRatio must be in (0, 1]");
        }
        if (smoothing < 0 || smoothing >= 1) {
            throw new IllegalArgumentException("smoothing must be in [0, 1)");
        }
    }
}
