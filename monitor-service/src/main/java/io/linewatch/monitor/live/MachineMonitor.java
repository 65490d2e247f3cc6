package io.linewatch.monitor.live;

import io.linewatch.common.event.AnomalyCleared;
import io.linewatch.common.event.AnomalyDetected;
import io.linewatch.common.event.SensorContribution;
import io.linewatch.common.event.TelemetrySample;
import io.linewatch.monitor.anomaly.Anomaly;
import io.linewatch.monitor.anomaly.AnomalyRepository;
import io.linewatch.monitor.forecast.RecentSamples;
import io.linewatch.monitor.health.HealthState;
import io.linewatch.monitor.health.HealthStateMachine;
import io.linewatch.monitor.model.ModelBundle;
import io.linewatch.monitor.model.ModelKind;
import io.linewatch.monitor.outbox.AnomalyOutbox;
import io.linewatch.monitor.scoring.AutoencoderScorer;
import io.linewatch.monitor.scoring.Score;
import io.linewatch.monitor.scoring.Windows;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Keeps every machine's window and health, scores a consumed batch in one batched call and
 * writes each raise and clear with its event to the outbox in one transaction.
 *
 * <p>Defined behaviour for imperfect input: a sample not newer than the machine's last one (late,
 * duplicate, out of order) is skipped; a sample missing one of the model's sensors is skipped (the
 * window is not advanced); a record that cannot be read at all is reported by index and
 * dead-lettered; a machine without a loaded model (see {@link LiveModels}) is skipped. Machines are owned by one consumer thread each (Kafka key = machine), so a
 * machine's state is only touched by one thread; each thread has its own network copy.
 */
@Service
@ConditionalOnProperty(prefix = "linewatch.monitor.live", name = "enabled", havingValue = "true")
class MachineMonitor implements RecentSamples {

    private static final Logger log = LoggerFactory.getLogger(MachineMonitor.class);

    private final LiveModels models;
    private final ThreadLocal<Map<String, ThreadScorer>> scorers = ThreadLocal.withInitial(HashMap::new);
    private final ThreadLocal<Map<String, MachineStreams>> streams = ThreadLocal.withInitial(HashMap::new);
    private final Map<String, MachineState> machines = new ConcurrentHashMap<>();
    private final AnomalyOutbox outbox;
    private final TransactionTemplate tx;
    private final AnomalyRepository anomalies;
    private final LiveScoringSettings settings;
    private final LiveMetrics metrics;
    private final OpenAnomalies open;
    private final IngestWindowSource stored;
    private final MachineLines lines;
    private final Map<String, TopicPartition> partitionOf = new ConcurrentHashMap<>();

    MachineMonitor(
            LiveScoringSettings settings,
            LiveModels models,
            AnomalyOutbox outbox,
            TransactionTemplate tx,
            AnomalyRepository anomalies,
            LiveMetrics metrics,
            OpenAnomalies open) {
        this.open = open;
        this.stored = settings.warmUpFromIngest()
                ? new IngestWindowSource(settings.ingestUrl(), settings.ingestApiKey(), settings.ingestTimeout())
                : null;
        this.lines = settings.warmUpFromIngest()
                ? new MachineLines(
                        settings.ingestUrl(),
                        settings.ingestApiKey(),
                        settings.ingestTimeout(),
                        settings.lineRefresh(),
                        Clock.systemUTC())
                : null;
        this.models = models;
        this.metrics = metrics;
        this.outbox = outbox;
        this.tx = tx;
        this.anomalies = anomalies;
        this.settings = settings;
    }

    /** The live window feeds {@code GET /api/v1/machines/{id}/forecast}. */
    @Override
    public List<Sample> recent(String machineId, int max) {
        MachineState machine = machines.get(machineId);
        return machine == null ? List.of() : machine.recent(max);
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
            Optional<ServingModel> model = models.forMachine(sample.machineId());
            if (model.isEmpty()) {
                continue;
            }
            double[] raw = contractValues(sample, model.get().bundle());
            if (raw == null) {
                continue;
            }
            MachineState machine = machines.get(sample.machineId());
            if (machine == null) {
                machine = takeOver(sample, model.get().bundle());
            }
            partitionOf.put(
                    machine.id(),
                    new TopicPartition(records.get(i).topic(), records.get(i).partition()));
            ModelBundle bundle = model.get().bundle();
            if (bundle.kind() == ModelKind.LSTM_STREAMING_FORECASTER) {
                // one step per sample: the sample alone, not a window
                double[] row =
                        machine.step(sample.ts(), raw, bundle, settings.maxGap().toMillis());
                if (row != null) {
                    due.add(new Due(machine, model.get(), new double[][] {row}, sample.ts(), machine.run() == 1));
                }
                continue;
            }
            double[][] window =
                    machine.add(sample.ts(), raw, bundle, settings.maxGap().toMillis());
            if (window != null) {
                due.add(new Due(machine, model.get(), window, sample.ts(), false));
            }
        }
        score(due);
    }

    /**
     * The first record of a machine this instance does not hold (first after start, or its
     * partition came with a rebalance): the window is rebuilt from the samples ingest-service stored
     * before this one (when configured), so it is scored at once instead of after W fresh samples,
     * and an anomaly the previous owner (or this process before a crash) left open is adopted
     * instead of raised again; samples up to the machine's last recorded transition (a batch
     * redelivered after its transitions committed) raise and clear nothing.
     */
    private MachineState takeOver(TelemetrySample sample, ModelBundle bundle) {
        MachineState machine = new MachineState(sample.machineId());
        if (stored != null) {
            long maxGap = settings.maxGap().toMillis();
            try {
                var samples = stored.last(
                        machine.id(),
                        Instant.ofEpochMilli(sample.ts()),
                        settings.maxGap().multipliedBy(bundle.window() + 1L),
                        bundle.window() + 1);
                for (var s : samples) {
                    double[] raw = contractValues(s.values(), bundle);
                    if (raw != null) {
                        machine.add(s.ts(), raw, bundle, maxGap);
                    }
                }
                metrics.warmUp(samples.size());
            } catch (RuntimeException e) {
                // ingest-service unreachable or refusing: the window fills from live samples as without it
                log.warn("Window of machine {} not rebuilt from ingest-service: {}", machine.id(), e.toString());
            }
        }
        open.latest(machine.id()).ifPresent(a -> {
            if (a.open()) {
                machine.adopt(a.anomalyId(), a.lineId(), a.startedAt(), a.peakScore(), a.peakSensors());
                log.info("Machine {} taken over with its open anomaly {}", machine.id(), a.anomalyId());
            }
            // samples up to the last recorded transition were scored before (a redelivered batch)
            machine.recordedUntil(a.lastTransition().toEpochMilli());
        });
        machines.put(machine.id(), machine);
        return machine;
    }

    /** Called on rebalance: the machines of partitions this instance lost are now another's. */
    void release(Collection<TopicPartition> partitions) {
        if (partitions.isEmpty()) {
            return;
        }
        Set<TopicPartition> gone = new HashSet<>(partitions);
        partitionOf.entrySet().removeIf(e -> {
            if (!gone.contains(e.getValue())) {
                return false;
            }
            dropState(e.getKey());
            return true;
        });
    }

    private void forget(String machineId) {
        partitionOf.remove(machineId);
        dropState(machineId);
    }

    private void dropState(String machineId) {
        // called on the consumer thread that owned the machine, so its streaming state is this thread's
        streams.get().values().forEach(stream -> stream.forget(machineId));
        MachineState machine = machines.remove(machineId);
        if (machine != null && machine.latest() != null) {
            metrics.machineLeft(HealthState.valueOf(machine.latest().state()));
        }
    }

    private static double[] contractValues(TelemetrySample sample, ModelBundle bundle) {
        return contractValues(sample.values(), bundle);
    }

    /** The values in the model's sensor order, or null when one is missing or not finite. */
    private static double[] contractValues(Map<String, Double> values, ModelBundle bundle) {
        List<String> sensors = bundle.sensors();
        double[] raw = new double[sensors.size()];
        for (int s = 0; s < raw.length; s++) {
            Double value = values.get(sensors.get(s));
            if (value == null || !Double.isFinite(value)) {
                return null;
            }
            raw[s] = value;
        }
        return raw;
    }

    /** One batched scoring call per model version among the due machines. */
    private void score(List<Due> due) {
        if (due.isEmpty()) {
            return;
        }
        Set<Due> applied = new HashSet<>();
        try {
            scoreAll(due, applied);
        } catch (RuntimeException e) {
            // a machine whose transition did not commit (database down) is forgotten: the retried
            // batch takes it over again from the anomalies table instead of skipping its samples
            for (Due d : due) {
                if (!applied.contains(d)) {
                    forget(d.machine().id());
                }
            }
            throw e;
        }
    }

    private void scoreAll(List<Due> due, Set<Due> applied) {
        Map<ModelBundle, List<Due>> byModel = new IdentityHashMap<>();
        for (Due d : due) {
            byModel.computeIfAbsent(d.model().bundle(), b -> new ArrayList<>()).add(d);
        }
        for (List<Due> group : byModel.values()) {
            if (group.get(0).model().bundle().kind() == ModelKind.LSTM_STREAMING_FORECASTER) {
                scoreStreaming(group, applied);
                continue;
            }
            List<double[][]> windows = new ArrayList<>(group.size());
            for (Due d : group) {
                windows.add(d.window());
            }
            AutoencoderScorer scorer = scorer(group.get(0).model());
            INDArray input = Windows.floats(windows);
            Score[] scores = metrics.latency().record(() -> scorer.score(input));
            if (settings.rawProbe()) {
                metrics.rawProbe().record(() -> scorer.rawOutput(input));
            }
            metrics.batch(group.size());
            for (int i = 0; i < group.size(); i++) {
                apply(group.get(i), scores[i]);
                applied.add(group.get(i));
            }
        }
        due.clear();
    }

    /**
     * The streaming forecaster: one {@code rnnTimeStep} per round over the due machines, where
     * round r holds each machine's r-th sample of the poll (a machine's samples step in order).
     */
    private void scoreStreaming(List<Due> group, Set<Due> applied) {
        MachineStreams streams = streams(group.get(0).model());
        List<List<Due>> rounds = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (Due d : group) {
            int round = seen.merge(d.machine().id(), 1, Integer::sum) - 1;
            if (rounds.size() == round) {
                rounds.add(new ArrayList<>());
            }
            rounds.get(round).add(d);
        }
        for (List<Due> round : rounds) {
            List<String> ids = new ArrayList<>(round.size());
            double[][] samples = new double[round.size()][];
            boolean[] restarted = new boolean[round.size()];
            for (int i = 0; i < round.size(); i++) {
                ids.add(round.get(i).machine().id());
                samples[i] = round.get(i).window()[0];
                restarted[i] = round.get(i).restarted();
            }
            Score[] scores = metrics.latency().record(() -> streams.step(ids, samples, restarted));
            metrics.batch(round.size());
            for (int i = 0; i < round.size(); i++) {
                if (scores[i] != null) {
                    apply(round.get(i), scores[i]);
                }
                applied.add(round.get(i));
            }
        }
    }

    /** This thread's streaming state for the version serving under the model's key; a swap replaces it. */
    private MachineStreams streams(ServingModel model) {
        Map<String, MachineStreams> mine = streams.get();
        MachineStreams current = mine.get(model.key());
        if (current == null || current.bundle() != model.bundle()) {
            current = new MachineStreams(model.bundle());
            mine.put(model.key(), current);
        }
        return current;
    }

    /** This thread's network copy of the version serving under the model's key; a swap replaces it. */
    private AutoencoderScorer scorer(ServingModel model) {
        Map<String, ThreadScorer> mine = scorers.get();
        ThreadScorer scorer = mine.get(model.key());
        if (scorer == null || scorer.bundle() != model.bundle()) {
            ModelBundle bundle = model.bundle();
            scorer = new ThreadScorer(
                    bundle,
                    new AutoencoderScorer(
                            bundle.network().clone(),
                            bundle.window(),
                            settings.maxPollRecords(),
                            bundle.errorScales()));
            mine.put(model.key(), scorer);
        }
        return scorer.scorer();
    }

    private void apply(Due due, Score score) {
        MachineState machine = due.machine();
        if (due.ts() <= machine.recordedUntil()) {
            // its transitions are in the anomalies table and the outbox already: scoring it again
            // with a fresh health state could raise or clear the same episode a second time
            return;
        }
        ServingModel model = due.model();
        ModelBundle bundle = model.bundle();
        HealthStateMachine health = machine.health(model.key() + "/" + model.version(), bundle);
        var transition = health.update(score.value());
        Instant at = Instant.ofEpochMilli(due.ts());
        List<SensorContribution> top = score.top(bundle.sensors(), settings.topSensors()).stream()
                .map(s -> new SensorContribution(s.sensor(), s.share()))
                .toList();
        List<SensorContribution> all = score
                .top(bundle.sensors(), bundle.sensors().size())
                .stream()
                .map(s -> new SensorContribution(s.sensor(), s.share()))
                .toList();
        MachineHealth previous = machine.latest();
        machine.latest(new MachineHealth(
                machine.id(),
                transition.to().name(),
                score.value(),
                health.threshold(),
                all,
                model.modelName(),
                model.version(),
                at));
        if (previous == null) {
            metrics.machineSeen(machine);
            metrics.stateChanged(null, transition.to());
        } else if (!previous.state().equals(transition.to().name())) {
            metrics.stateChanged(HealthState.valueOf(previous.state()), transition.to());
        }
        // the row change and its event commit together; the outbox relay publishes the event. Ids
        // derive from the machine and the raise time, so a transition scored again after a
        // redelivery (same samples) changes nothing and adds no second event.
        if (transition.alarmRaised()) {
            UUID anomalyId = anomalyId(machine.id(), at);
            machine.raise(anomalyId, lines == null ? null : lines.lineOf(machine.id()), at, score.value(), top);
            Anomaly row = new Anomaly(
                    anomalyId,
                    machine.id(),
                    machine.lineId(),
                    Anomaly.OPEN,
                    at,
                    null,
                    score.value(),
                    health.threshold(),
                    top,
                    model.modelName(),
                    model.version());
            UUID eventId = eventId("detected", anomalyId);
            AnomalyDetected event = new AnomalyDetected(
                    AnomalyDetected.SCHEMA_VERSION,
                    eventId,
                    anomalyId,
                    machine.id(),
                    machine.lineId(),
                    at,
                    transition.to().name(),
                    score.value(),
                    health.threshold(),
                    top,
                    model.modelName(),
                    model.version());
            tx.executeWithoutResult(status -> {
                anomalies.open(row);
                outbox.append(machine.id(), eventId, event);
            });
        } else if (transition.alarmCleared()) {
            UUID eventId = eventId("cleared", machine.anomalyId());
            AnomalyCleared event = new AnomalyCleared(
                    AnomalyCleared.SCHEMA_VERSION,
                    eventId,
                    machine.anomalyId(),
                    machine.id(),
                    machine.lineId(),
                    machine.startedAt(),
                    at,
                    machine.peakScore(),
                    machine.peakSensors(),
                    model.modelName(),
                    model.version());
            tx.executeWithoutResult(status -> {
                anomalies.close(machine.anomalyId(), at, machine.peakScore(), machine.peakSensors());
                outbox.append(machine.id(), eventId, event);
            });
            machine.clear();
        } else if (machine.anomalyId() != null) {
            machine.observe(score.value(), top);
        }
    }

    /** An episode's id: the same machine raising at the same sample time is the same episode. */
    static UUID anomalyId(String machineId, Instant raisedAt) {
        return UUID.nameUUIDFromBytes(
                ("anomaly/" + machineId + "/" + raisedAt.toEpochMilli()).getBytes(StandardCharsets.UTF_8));
    }

    /** A transition's event id, stable across redeliveries so consumers can dedupe on it. */
    static UUID eventId(String transition, UUID anomalyId) {
        return UUID.nameUUIDFromBytes((transition + "/" + anomalyId).getBytes(StandardCharsets.UTF_8));
    }

    /** A window to score, or for the streaming forecaster one sample ({@code restarted}: first of its run). */
    private record Due(MachineState machine, ServingModel model, double[][] window, long ts, boolean restarted) {}

    private record ThreadScorer(ModelBundle bundle, AutoencoderScorer scorer) {}
}
