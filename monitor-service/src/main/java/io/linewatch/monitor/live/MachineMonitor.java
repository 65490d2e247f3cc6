package io.linewatch.monitor.live;

import io.linewatch.common.event.AnomalyCleared;
import io.linewatch.common.event.AnomalyDetected;
import io.linewatch.common.event.SensorContribution;
import io.linewatch.common.event.TelemetrySample;
import io.linewatch.monitor.anomaly.Anomaly;
import io.linewatch.monitor.anomaly.AnomalyRepository;
import io.linewatch.monitor.health.HealthStateMachine;
import io.linewatch.monitor.model.ModelBundle;
import io.linewatch.monitor.scoring.AutoencoderScorer;
import io.linewatch.monitor.scoring.Score;
import io.linewatch.monitor.scoring.Windows;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.stereotype.Service;

/**
 * Keeps every machine's window and health, scores a consumed batch in one batched call and
 * publishes anomaly events on raise and clear.
 *
 * <p>Defined behaviour for imperfect input: a sample not newer than the machine's last one (late,
 * duplicate, out of order) is skipped; a sample missing one of the model's sensors is skipped (the
 * window is not advanced); a record that cannot be read at all is reported by index and
 * dead-lettered. Machines are owned by one consumer thread each (Kafka key = machine), so a
 * machine's state is only touched by one thread; each thread has its own network copy.
 */
@Service
@ConditionalOnProperty(prefix = "linewatch.monitor.live", name = "enabled", havingValue = "true")
class MachineMonitor {

    private final ModelBundle bundle;
    private final ThreadLocal<AutoencoderScorer> scorers;
    private final Map<String, MachineState> machines = new ConcurrentHashMap<>();
    private final AnomalyPublisher publisher;
    private final AnomalyRepository anomalies;
    private final LiveScoringSettings settings;

    MachineMonitor(LiveScoringSettings settings, AnomalyPublisher publisher, AnomalyRepository anomalies) {
        if (settings.modelFile() == null) {
            throw new IllegalStateException("linewatch.monitor.live.model-file must name a model bundle");
        }
        try {
            this.bundle = ModelBundle.load(settings.modelFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load model bundle " + settings.modelFile(), e);
        }
        this.scorers = ThreadLocal.withInitial(() -> new AutoencoderScorer(
                bundle.network().clone(), bundle.window(), settings.maxPollRecords(), bundle.errorScales()));
        this.publisher = publisher;
        this.anomalies = anomalies;
        this.settings = settings;
    }

    Optional<MachineHealth> health(String machineId) {
        MachineState machine = machines.get(machineId);
        return Optional.ofNullable(machine == null ? null : machine.latest());
    }

    void accept(List<ConsumerRecord<String, TelemetrySample>> records) {
        List<Due> due = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            TelemetrySample sample = records.get(i).value();
            if (sample == null || sample.machineId() == null || sample.values() == null) {
                // score what came before, so the error handler can commit up to this record
                score(due);
                throw new BatchListenerFailedException("unreadable telemetry record", i);
            }
            double[] raw = contractValues(sample);
            if (raw == null) {
                continue;
            }
            MachineState machine = machines.computeIfAbsent(
                    sample.machineId(),
                    id -> new MachineState(
                            id,
                            bundle.window(),
                            new HealthStateMachine(bundle.threshold().value(), bundle.policy())));
            double[][] window = machine.add(sample.ts(), raw, bundle);
            if (window != null) {
                due.add(new Due(machine, window, sample.ts()));
            }
        }
        score(due);
    }

    /** The values in the model's sensor order, or null when one is missing or not finite. */
    private double[] contractValues(TelemetrySample sample) {
        List<String> sensors = bundle.sensors();
        double[] raw = new double[sensors.size()];
        for (int s = 0; s < raw.length; s++) {
            Double value = sample.values().get(sensors.get(s));
            if (value == null || !Double.isFinite(value)) {
                return null;
            }
            raw[s] = value;
        }
        return raw;
    }

    private void score(List<Due> due) {
        if (due.isEmpty()) {
            return;
        }
        List<double[][]> windows = new ArrayList<>(due.size());
        for (Due d : due) {
            windows.add(d.window());
        }
        Score[] scores = scorers.get().score(Windows.of(windows));
        for (int i = 0; i < due.size(); i++) {
            apply(due.get(i), scores[i]);
        }
        due.clear();
    }

    private void apply(Due due, Score score) {
        MachineState machine = due.machine();
        var transition = machine.health().update(score.value());
        Instant at = Instant.ofEpochMilli(due.ts());
        List<SensorContribution> top = score.top(bundle.sensors(), settings.topSensors()).stream()
                .map(s -> new SensorContribution(s.sensor(), s.share()))
                .toList();
        List<SensorContribution> all = score
                .top(bundle.sensors(), bundle.sensors().size())
                .stream()
                .map(s -> new SensorContribution(s.sensor(), s.share()))
                .toList();
        machine.latest(new MachineHealth(
                machine.id(),
                transition.to().name(),
                score.value(),
                bundle.threshold().value(),
                all,
                settings.modelName(),
                settings.modelVersion(),
                at));
        // the table row is written before the event is published; a crash in between re-raises on redelivery
        if (transition.alarmRaised()) {
            machine.raise(UUID.randomUUID(), at, score.value(), top);
            anomalies.open(new Anomaly(
                    machine.anomalyId(),
                    machine.id(),
                    null,
                    Anomaly.OPEN,
                    at,
                    null,
                    score.value(),
                    bundle.threshold().value(),
                    top,
                    settings.modelName(),
                    settings.modelVersion()));
            publisher.publish(
                    machine.id(),
                    new AnomalyDetected(
                            AnomalyDetected.SCHEMA_VERSION,
                            UUID.randomUUID(),
                            machine.anomalyId(),
                            machine.id(),
                            null,
                            at,
                            transition.to().name(),
                            score.value(),
                            bundle.threshold().value(),
                            top,
                            settings.modelName(),
                            settings.modelVersion()));
        } else if (transition.alarmCleared()) {
            anomalies.close(machine.anomalyId(), at, machine.peakScore(), machine.peakSensors());
            publisher.publish(
                    machine.id(),
                    new AnomalyCleared(
                            AnomalyCleared.SCHEMA_VERSION,
                            UUID.randomUUID(),
                            machine.anomalyId(),
                            machine.id(),
                            null,
                            machine.startedAt(),
                            at,
                            machine.peakScore(),
                            machine.peakSensors(),
                            settings.modelName(),
                            settings.modelVersion()));
            machine.clear();
        } else if (machine.anomalyId() != null) {
            machine.observe(score.value(), top);
        }
    }

    private record Due(MachineState machine, double[][] window, long ts) {}
}
