package io.linewatch.monitor.health;

import io.linewatch.monitor.model.AlarmPolicy;

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

    public HealthStateMachine(double threshold, AlarmPolicy policy) {
        this.threshold = threshold;
        this.policy = policy;
    }

    /** Feeds one score; returns the transition (possibly to the same state). */
    public Transition update(double score) {
        smoothed = Double.isNaN(smoothed) ? score : policy.smoothing() * smoothed + (1 - policy.smoothing()) * score;
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
