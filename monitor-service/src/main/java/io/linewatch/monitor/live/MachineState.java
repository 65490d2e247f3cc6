package io.linewatch.monitor.live;

import io.linewatch.common.event.SensorContribution;
import io.linewatch.monitor.forecast.RecentSamples;
import io.linewatch.monitor.health.HealthState;
import io.linewatch.monitor.health.HealthStateMachine;
import io.linewatch.monitor.model.ModelBundle;
import io.linewatch.monitor.model.SensorNormalizer;
import io.linewatch.monitor.scoring.Score;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.common.TopicPartition;

/**
 * One machine's recent samples (a ring of W + 1 raw rows and the same rows normalised by the
 * serving model), its health, its latest score and its open anomaly.
 */
final class MachineState {

    private final String id;
    private int width;
    private int slots;
    private double[] raw;
    private double[] normalized;
    private long[] rawTs;
    private RowNormalizer normalizedBy;
    private SensorNormalizer normalizerSeen;
    private HealthStateMachine health;
    private String healthFor;
    private int healthVersion;
    private List<String> sensors;
    private int count;
    private long lastTs = Long.MIN_VALUE;
    private UUID anomalyId;
    private Instant startedAt;
    private double peakScore;
    private List<SensorContribution> peakSensors = List.of();
    private volatile Latest latest;
    private boolean adopted;
    private String lineId;
    private long recordedUntil = Long.MIN_VALUE;
    private TopicPartition partition;
    private Object roundOf;
    private int round;

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
        if (!append(ts, values, bundle, maxGapMillis) || !windowReady(bundle)) {
            return null;
        }
        int window = bundle.window();
        double[][] rows = new double[window][];
        for (int t = 0; t < window; t++) {
            int slot = (count - window + t) % slots;
            rows[t] = java.util.Arrays.copyOfRange(normalized, slot * width, slot * width + width);
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
        int slot = (count - 1) % slots;
        return java.util.Arrays.copyOfRange(normalized, slot * width, slot * width + width);
    }

    /** Samples since the window last restarted (gap, other sensors, first sample). */
    synchronized int run() {
        return count;
    }

    /**
     * Adds a sample ({@code values[0, sensors)} in the model's sensor order) as {@link #add} does,
     * without building the window: true when it was kept.
     */
    synchronized boolean append(long ts, double[] values, ModelBundle bundle, long maxGapMillis) {
        if (ts <= lastTs) {
            return false;
        }
        int window = bundle.window();
        List<String> modelSensors = bundle.sensors();
        boolean gap = lastTs != Long.MIN_VALUE && ts - lastTs > maxGapMillis;
        if (gap || (modelSensors != sensors && !modelSensors.equals(sensors)) || raw == null || slots != window + 1) {
            // a window never spans a gap: samples on both sides of it are not one W-sample history
            sensors = modelSensors;
            width = modelSensors.size();
            slots = window + 1;
            raw = new double[slots * width];
            normalized = new double[slots * width];
            rawTs = new long[slots];
            count = 0;
            normalizedBy = null;
            normalizerSeen = null;
        }
        lastTs = ts;
        int slot = count % slots;
        System.arraycopy(values, 0, raw, slot * width, width);
        rawTs[slot] = ts;
        count++;
        if (bundle.normalizer() != normalizerSeen) {
            normalizerSeen = bundle.normalizer();
            RowNormalizer by = RowNormalizer.of(normalizerSeen);
            if (by != normalizedBy) {
                // another version with the same sensors: its normalizer applies to the kept raw rows
                normalizedBy = by;
                for (int index = Math.max(0, count - window); index < count - 1; index++) {
                    normalize(index);
                }
            }
        }
        normalize(count - 1);
        return true;
    }

    private void normalize(int index) {
        normalizedBy.apply(raw, index % slots, index > 0 ? (index - 1) % slots : -1, normalized, width);
    }

    /** True when the machine holds a full window for the model it was last appended with. */
    synchronized boolean windowReady(ModelBundle bundle) {
        return raw != null && count >= bundle.window();
    }

    /**
     * Copies the current window, normalised, into {@code batch} at {@code offset} in DL4J's
     * recurrent layout ([sensor][time] for this window), in single precision like the networks.
     */
    synchronized void copyWindow(float[] batch, int offset, int window) {
        int first = count - window;
        for (int t = 0; t < window; t++) {
            int base = ((first + t) % slots) * width;
            for (int s = 0; s < width; s++) {
                batch[offset + s * window + t] = (float) normalized[base + s];
            }
        }
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
        int n = Math.min(Math.min(count, slots), max);
        List<RecentSamples.Sample> samples = new ArrayList<>(n);
        for (int index = count - n; index < count; index++) {
            int slot = index % slots;
            Map<String, Double> values = new LinkedHashMap<>();
            for (int s = 0; s < sensors.size(); s++) {
                values.put(sensors.get(s), raw[slot * width + s]);
            }
            samples.add(new RecentSamples.Sample(Instant.ofEpochMilli(rawTs[slot]), values));
        }
        return samples;
    }

    /**
     * The streaming forecaster's round of the machine's next due sample in a scoring call: 0 for
     * its first sample in {@code call}, then 1, 2, ... (a machine's samples step in order).
     */
    int nextRound(Object call) {
        if (roundOf != call) {
            roundOf = call;
            round = 0;
            return 0;
        }
        return ++round;
    }

    /** The partition the machine's last sample came from (null before the first). */
    TopicPartition partition() {
        return partition;
    }

    void partition(TopicPartition partition) {
        this.partition = partition;
    }

    /**
     * The health state machine for the version scoring now. A new version gets a fresh one with
     * its own threshold and policy, except while an anomaly is open: the old one then runs until
     * it clears, so every AnomalyDetected gets its AnomalyCleared.
     */
    HealthStateMachine health(String key, int version, ModelBundle bundle) {
        if (health == null || ((version != healthVersion || !key.equals(healthFor)) && anomalyId == null)) {
            health = new HealthStateMachine(bundle.threshold().value(), bundle.policy());
            healthFor = key;
            healthVersion = version;
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

    /**
     * The latest score, written by the consumer thread that owns the machine and read by HTTP
     * threads and gauges; the contributions are sorted only when read.
     */
    void latest(Latest score) {
        latest = score;
    }

    /** The latest scored window as {@code GET /api/v1/machines/{id}/health} shows it, or null. */
    MachineHealth latest() {
        Latest score = latest;
        return score == null ? null : score.health(id);
    }

    /** The latest score's state, or null before the first score. */
    HealthState latestState() {
        Latest score = latest;
        return score == null ? null : score.state();
    }

    /** The latest score, 0 before the first. */
    double latestScore() {
        Latest score = latest;
        return score == null ? 0 : score.score();
    }

    /** A scored window: {@code shares} in the model's sensor order (not copied: never written after). */
    record Latest(
            HealthState state,
            double score,
            double threshold,
            double[] shares,
            List<String> sensors,
            String modelName,
            int modelVersion,
            long ts) {

        MachineHealth health(String machineId) {
            List<SensorContribution> all = new Score(score, shares)
                    .top(sensors, sensors.size()).stream()
                            .map(s -> new SensorContribution(s.sensor(), s.share()))
                            .toList();
            return new MachineHealth(
                    machineId, state.name(), score, threshold, all, modelName, modelVersion, Instant.ofEpochMilli(ts));
        }
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
