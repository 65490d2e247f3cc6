package io.linewatch.monitor.health;

/** A machine's health as the monitor reports it. */
public enum HealthState {
    /** Scores are below the threshold. */
    OK,
    /** The score crossed the threshold but not for enough consecutive windows to raise an alarm. */
    WARNING,
    /** Debounced anomaly: an AnomalyDetected has been (or is to be) raised. */
    ALARM
}
