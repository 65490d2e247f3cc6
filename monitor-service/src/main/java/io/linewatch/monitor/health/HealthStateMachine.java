package io.linewatch.monitor.health;

import io.linewatch.monitor.model.AlarmPolicy;
import io.linewatch.monitor.scoring.Score;

/**
 * The health of one machine, fed one score per window.
 *
 * <ul>
 *   <li>OK -> WARNING: the (smoothed) score exceeds the threshold.
 *   <li>WARNING -> ALARM: {@code debounce} consecutive windows above the threshold.
 *   <li>WARNING -> OK: a window at or below the threshold before that.
 *   <li>ALARM -> OK: {@code clearAfter} consecutive windows below {@code clearRatio x threshold};
 *       scores between that level and the threshold keep the alarm (hysteresis).
 * </ul>
 *
 * With {@code debounce = 1} OK goes straight to ALARM.
 */
public final class HealthStateMachine {

    private final double threshold;
    private final AlarmPolicy policy;
    private HealthState state = HealthState.OK;
    private int above;
    private int below;
    private double smoothed = Double.NaN;
    /** Each sensor's part of {@link #smoothed}, smoothed the same way; null before the first shares. */
    private double[] parts;

    public HealthStateMachine(double threshold, AlarmPolicy policy) {
        this.threshold = threshold;
        this.policy = policy;
    }

    /** Feeds one score; returns the transition (possibly to the same state). */
    public Transition update(double score) {
        return update(score, null);
    }

    /**
     * Feeds one score with its sensors' shares ({@code shares[s]} sensor s's part of it, summing
     * to 1; null = not tracked); returns the transition (possibly to the same state).
     */
    public Transition update(double score, double[] shares) {
        boolean first = Double.isNaN(smoothed);
        double keep = first ? 0 : policy.smoothing();
        smoothed = first ? score : keep * smoothed + (1 - keep) * score;
        if (shares != null) {
            if (parts == null || parts.length != shares.length) {
                parts = new double[shares.length];
                keep = 0;
            }
            for (int s = 0; s < shares.length; s++) {
                parts[s] = keep * parts[s] + (1 - keep) * score * shares[s];
            }
        }
        HealthState previous = state;
        if (state == HealthState.ALARM) {
            below = smoothed < policy.clearRatio() * threshold ? below + 1 : 0;
            if (below >= policy.clearAfter()) {
                state = HealthState.OK;
                above = 0;
                below = 0;
            }
        } else if (smoothed > threshold) {
            above++;
            state = above >= policy.debounce() ? HealthState.ALARM : HealthState.WARNING;
            below = 0;
        } else {
            above = 0;
            state = HealthState.OK;
        }
        return new Transition(previous, state, smoothed);
    }

    /**
     * Each sensor's share of the smoothed score the last update compared with the threshold (the
     * shares fed with the scores, smoothed as the scores are, so they explain the score that raised
     * an alarm rather than only its last window); null when no shares were fed. Summing to 1.
     */
    public double[] smoothedShares() {
        return parts == null ? null : Score.fromSensorErrors(parts).contributions();
    }

    public HealthState state() {
        return state;
    }

    public double threshold() {
        return threshold;
    }

    /** One step of the state machine. */
    public record Transition(HealthState from, HealthState to, double smoothedScore) {

        public boolean alarmRaised() {
            return from != HealthState.ALARM && to == HealthState.ALARM;
        }

        public boolean alarmCleared() {
            return from == HealthState.ALARM && to != HealthState.ALARM;
        }
    }
}
