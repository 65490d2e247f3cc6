package io.linewatch.monitor.live;

import io.linewatch.common.event.SensorContribution;
import io.linewatch.monitor.forecast.RecentSamples;
import io.linewatch.monitor.health.HealthState;
import io.linewatch.monitor.health.HealthStateMachine;
import io.linewatch.monitor.model.ModelBundle;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** One machine's recent raw samples (a ring of W + 1 rows), its health and its open anomaly. */
final class MachineState {

    private final String id;
    private double[][] raw;
    private long[] rawTs;
    private HealthStateMachine health;
    private String healthFor;
    private List<String> sensors;
    private int count;
    private long lastTs = Long.MIN_VALUE;
    private UUID anomalyId;
    private Instant startedAt;
    private double peakScore;
    private List<SensorContribution> peakSensors = List.of();
    private volatile MachineHealth latest;
    private boolean adopted;
    private String lineId;
    private long recordedUntil = Long.MIN_VALUE;

    MachineState(String id) {
        this.id = id;
    }

    /**
     * Adds a sample (values in the model's sensor order) and returns the model's window (oldest
     * first, normalised) when the machine has W samples, else null. Raw values are kept (W + 1 of
     * them, the extra one for differencing), so a hot-swapped version with the same sensors scores
     * the same samples through its own normalizer; a model with other sensors restarts the window,
     * and so does a sample more than {@code maxGapMillis} after the previous one. A sample not newer
     * than the previous one (late, duplicate, out of order) is dropped.
     */
    synchronized double[][] add(long ts, double[] values, ModelBundle bundle, long maxGapMillis) {
        if (!append(ts, values, bundle, maxGapMillis)) {
            return null;
        }
        int window = bundle.window();
        if (count < window) {
            return null;
        }
        double[][] rows = new double[window][];
        for (int t = 0; t < window; t++) {
            int index = count - window + t;
            double[] previous = index > 0 ? raw[(index - 1) % raw.length] : null;
            rows[t] = bundle.normalizer().apply(raw[index % raw.length], previous);
        }
        return rows;
    }

    /**
     * Adds a sample as {@link #add} does and returns it alone, normalised (the streaming
     * forecaster's input), or null when it was dropped. {@link #run} then tells how many samples
     * the current run (since the last restart of the window) holds.
     */
    synchronized double[] step(long ts, double[] values, ModelBundle bundle, long maxGapMillis) {
        if (!append(ts, values, bundle, maxGapMillis)) {
            return null;
        }
        int index = count - 1;
        double[] previous = index > 0 ? raw[(index - 1) % raw.length] : null;
        return bundle.normalizer().apply(raw[index % raw.length], previous);
    }

    /** Samples since the window last restarted (gap, other sensors, first sample). */
    synchronized int run() {
        return count;
    }

    private boolean append(long ts, double[] values, ModelBundle bundle, long maxGapMillis) {
        if (ts <= lastTs) {
            return false;
        }
        int window = bundle.window();
        boolean gap = lastTs != Long.MIN_VALUE && ts - lastTs > maxGapMillis;
        if (gap || !bundle.sensors().equals(sensors) || raw == null || raw.length != window + 1) {
            // a window never spans a gap: samples on both sides of it are not one W-sample history

            sensors = bundle.sensors();
            raw = new double[window + 1][];
            rawTs = new long[window + 1];
            count = 0;
        }
        lastTs = ts;
        raw[count % raw.length] = values;
        rawTs[count % raw.length] = ts;
        count++;
        return true;
    }

    /**
     * The raw samples of the current window, oldest first (at most {@code max}): what a forecast
     * starts from. Synchronized with {@link #add} because HTTP threads read what the consumer
     * thread writes.
     */
    synchronized List<RecentSamples.Sample> recent(int max) {
        if (raw == null || count == 0) {
            return List.of();
        }
        int n = Math.min(Math.min(count, raw.length), max);
        List<RecentSamples.Sample> samples = new ArrayList<>(n);
        for (int index = count - n; index < count; index++) {
            double[] row = raw[index % raw.length];
            Map<String, Double> values = new LinkedHashMap<>();
            for (int s = 0; s < sensors.size(); s++) {
                values.put(sensors.get(s), row[s]);
            }
            samples.add(new RecentSamples.Sample(Instant.ofEpochMilli(rawTs[index % raw.length]), values));
        }
        return samples;
    }

    /**
     * The health state machine for the version scoring now. A new version gets a fresh one with
     * its own threshold and policy, except while an anomaly is open: the old one then runs until
     * it clears, so every AnomalyDetected gets its AnomalyCleared.
     */
    HealthStateMachine health(String version, ModelBundle bundle) {
        if (health == null || (!version.equals(healthFor) && anomalyId == null)) {
            health = new HealthStateMachine(bundle.threshold().value(), bundle.policy());
            healthFor = version;
            if (adopted) {
                // an adopted anomaly is in ALARM already: scores just above the threshold bring the
                // state machine there without an event, so only its clear is published, by this instance
                double above = health.threshold() + Math.max(Math.abs(health.threshold()) * 1e-6, 1e-12);
                for (int i = 0; i <= bundle.policy().debounce() && health.state() != HealthState.ALARM; i++) {
                    health.update(above);
                }
            }
            adopted = false;
        }
        return health;
    }

    void raise(UUID anomaly, String line, Instant at, double score, List<SensorContribution> top) {
        anomalyId = anomaly;
        lineId = line;
        startedAt = at;
        peakScore = score;
        peakSensors = top;
    }

    /**
     * Takes over an anomaly another instance raised and left open (found in the anomalies table):
     * this instance publishes its AnomalyCleared with the same id instead of raising it again.
     */
    void adopt(UUID anomaly, String line, Instant at, double score, List<SensorContribution> top) {
        raise(anomaly, line, at, score, top);
        adopted = true;
        health = null;
    }

    /**
     * The time of the machine's last anomaly transition found in the table on take-over: a sample
     * up to it is added to the window but raises and clears nothing (it was scored before).
     */
    void recordedUntil(long ts) {
        recordedUntil = ts;
    }

    long recordedUntil() {
        return recordedUntil;
    }

    void observe(double score, List<SensorContribution> top) {
        if (score > peakScore) {
            peakScore = score;
            peakSensors = top;
        }
    }

    void clear() {
        anomalyId = null;
        lineId = null;
        startedAt = null;
        peakScore = 0;
        peakSensors = List.of();
    }

    /** Written by the consumer thread that owns the machine, read by HTTP threads. */
    void latest(MachineHealth health) {
        latest = health;
    }

    MachineHealth latest() {
        return latest;
    }

    String id() {
        return id;
    }

    /** The line of the open anomaly, as known when it was raised (null without one). */
    String lineId() {
        return lineId;
    }

    UUID anomalyId() {
        return anomalyId;
    }

    Instant startedAt() {
        return startedAt;
    }

    double peakScore() {
        return peakScore;
    }

    List<SensorContribution> peakSensors() {
        return peakSensors;
    }
}
