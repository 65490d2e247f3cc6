package io.linewatch.monitor.live;

import io.linewatch.common.event.SensorContribution;
import io.linewatch.monitor.health.HealthStateMachine;
import io.linewatch.monitor.model.ModelBundle;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** One machine's recent preprocessed samples (a ring of W rows), its health and its open anomaly. */
final class MachineState {

    private final String id;
    private final double[][] ring;
    private final HealthStateMachine health;
    private int count;
    private long lastTs = Long.MIN_VALUE;
    private double[] previousRaw;
    private UUID anomalyId;
    private Instant startedAt;
    private double peakScore;
    private List<SensorContribution> peakSensors = List.of();
    private volatile MachineHealth latest;

    MachineState(String id, int window, HealthStateMachine health) {
        this.id = id;
        this.ring = new double[window][];
        this.health = health;
    }

    /** Adds a sample; returns the full window (oldest first) when there is one, else null. */
    double[][] add(long ts, double[] raw, ModelBundle bundle) {
        if (ts <= lastTs) {
            return null;
        }
        lastTs = ts;
        ring[count % ring.length] = bundle.normalizer().apply(raw, previousRaw);
        previousRaw = raw;
        count++;
        if (count < ring.length) {
            return null;
        }
        double[][] window = new double[ring.length][];
        for (int t = 0; t < ring.length; t++) {
            window[t] = ring[(count + t) % ring.length];
        }
        return window;
    }

    void raise(UUID anomaly, Instant at, double score, List<SensorContribution> top) {
        anomalyId = anomaly;
        startedAt = at;
        peakScore = score;
        peakSensors = top;
    }

    void observe(double score, List<SensorContribution> top) {
        if (score > peakScore) {
            peakScore = score;
            peakSensors = top;
        }
    }

    void clear() {
        anomalyId = null;
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

    HealthStateMachine health() {
        return health;
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
