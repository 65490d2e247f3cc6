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
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
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
    private static final int MAX_INCOMPLETE = 100_000;

    private final LiveModels models;
    private final ThreadLocal<Map<String, ThreadScorer>> scorers = ThreadLocal.withInitial(HashMap::new);
    private final ThreadLocal<Map<String, MachineStreams>> streams = ThreadLocal.withInitial(HashMap::new);
    private final ThreadLocal<TelemetryReader> readers = ThreadLocal.withInitial(TelemetryReader::new);
    private final ThreadLocal<double[]> scratch = ThreadLocal.withInitial(() -> new double[16]);
    /**
     * Machines without state whose last sample lacked one of their model's sensors, with that
     * model: they are not looked up as new machines in every poll (a fleet whose sensors are not
     * the model's would otherwise cost one episode query per poll for as long as it sends).
     */
    private final ThreadLocal<Map<String, ModelBundle>> incomplete = ThreadLocal.withInitial(HashMap::new);

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

    /** A polled batch of decoded samples (tests and callers that hold {@code TelemetrySample}s). */
    void accept(List<ConsumerRecord<String, TelemetrySample>> records) {
        process(records);
    }

    /** A polled batch as the listener receives it: each value the record's JSON bytes. */
    void acceptRaw(List<ConsumerRecord<String, byte[]>> records) {
        process(records);
    }

    /**
     * Two passes over the poll: the first reads each record only up to its machine id, so the
     * recorded episodes of all machines seen for the first time are looked up in one query; the
     * second reads each record once more, whole (checking the structure of an unserved machine's,
     * reading a served machine's values straight into its ring), and copies each due window
     * straight into its model's batch buffer. An unreadable record ends the second pass: what came
     * before it is scored, then it is reported.
     */
    private void process(List<? extends ConsumerRecord<String, ?>> records) {
        TelemetryReader reader = readers.get();
        int n = records.size();
        String[] ids = new String[n];
        ServingModel[] served = new ServingModel[n];
        TelemetrySample[] decoded = new TelemetrySample[n];
        MachineState[] known = new MachineState[n];
        int unreadable = -1;
        Set<String> fresh = new LinkedHashSet<>();
        Map<String, ModelBundle> lacking = incomplete.get();
        if (lacking.size() > MAX_INCOMPLETE) {
            lacking.clear(); // a bound, not a policy: they are looked up again once
        }
        for (int i = 0; i < n; i++) {
            if (!reader.peek(records.get(i).value())) {
                unreadable = i;
                break;
            }
            String id = reader.machineId();
            ids[i] = id;
            decoded[i] = reader.decoded();
            served[i] = models.forMachine(id).orElse(null);
            if (served[i] != null) {
                known[i] = machines.get(id);
                if (known[i] == null && lacking.get(id) != served[i].bundle()) {
                    fresh.add(id);
                }
            }
        }
        Map<String, OpenAnomalies.Episode> episodes = fresh.isEmpty() ? Map.of() : open.latest(fresh);
        Map<ModelBundle, Batch> batches = new IdentityHashMap<>();
        List<Due> steps = new ArrayList<>();
        long maxGap = settings.maxGap().toMillis();
        int limit = unreadable < 0 ? n : unreadable;
        unreadable = -1;
        double[] values = scratch.get();
        for (int i = 0; i < limit; i++) {
            ConsumerRecord<String, ?> record = records.get(i);
            ServingModel model = served[i];
            if (model == null) {
                if (decoded[i] == null && reader.read(record.value(), null, null, null) == TelemetryReader.UNREADABLE) {
                    unreadable = i;
                    break;
                }
                continue;
            }
            ModelBundle bundle = model.bundle();
            if (values.length < bundle.sensors().size()) {
                values = new double[bundle.sensors().size()];
                scratch.set(values);
            }
            int read = reader.read(record.value(), decoded[i], bundle.sensors(), values);
            if (read == TelemetryReader.UNREADABLE) {
                unreadable = i;
                break;
            }
            String id = ids[i];
            if (!reader.machineId().equals(id)) {
                // the fast path peeked one machine id, Jackson reads another (a repeated field): Jackson's counts
                id = reader.machineId();
                model = models.forMachine(id).orElse(null);
                if (model == null) {
                    continue;
                }
                bundle = model.bundle();
                if (values.length < bundle.sensors().size()) {
                    values = new double[bundle.sensors().size()];
                    scratch.set(values);
                }
                read = reader.read(record.value(), reader.decoded(), bundle.sensors(), values);
            }
            // pass 1's look-up, unless a record before this one took the machine over
            MachineState machine = id == ids[i] && known[i] != null ? known[i] : machines.get(id);
            if (read != TelemetryReader.READ) {
                if (machine == null) {
                    lacking.put(id, bundle);
                }
                continue;
            }
            long ts = reader.ts();
            if (machine == null) {
                lacking.remove(id);
                OpenAnomalies.Episode episode =
                        fresh.contains(id) ? episodes.get(id) : open.latest(id).orElse(null);
                machine = takeOver(id, ts, bundle, episode);
            }
            TopicPartition partition = machine.partition();
            if (partition == null
                    || partition.partition() != record.partition()
                    || !partition.topic().equals(record.topic())) {
                partition = new TopicPartition(record.topic(), record.partition());
                machine.partition(partition);
                partitionOf.put(machine.id(), partition);
            }
            if (bundle.kind() == ModelKind.LSTM_STREAMING_FORECASTER) {
                // one step per sample: the sample alone, not a window
                double[] row = machine.step(ts, values, bundle, maxGap);
                if (row != null) {
                    steps.add(new Due(machine, model, ts, row, machine.run() == 1));
                }
                continue;
            }
            if (machine.append(ts, values, bundle, maxGap) && machine.windowReady(bundle)) {
                Batch batch = batches.get(bundle);
                if (batch == null) {
                    batch = new Batch(scorer(model));
                    batches.put(bundle, batch);
                }
                int offset = batch.add(new Due(machine, model, ts, null, false));
                machine.copyWindow(batch.scorer.input, offset, bundle.window());
            }
        }
        if (unreadable < 0 && limit < n) {
            unreadable = limit;
        }
        score(batches.values(), steps);
        if (unreadable >= 0) {
            // what came before it is scored, so the error handler commits up to this record and
            // dead-letters it without retrying
            throw new BatchListenerFailedException(
                    "unreadable telemetry record",
                    new UnreadableTelemetryException(records.get(unreadable)),
                    unreadable);
        }
    }

    /**
     * The first record of a machine this instance does not hold (first after start, or its
     * partition came with a rebalance): the window is rebuilt from the samples ingest-service stored
     * before this one (when configured), so it is scored at once instead of after W fresh samples,
     * and an anomaly the previous owner (or this process before a crash) left open is adopted
     * instead of raised again; samples up to the machine's last recorded transition (a batch
     * redelivered after its transitions committed) raise and clear nothing.
     */
    private MachineState takeOver(String machineId, long ts, ModelBundle bundle, OpenAnomalies.Episode episode) {
        MachineState machine = new MachineState(machineId);
        if (stored != null) {
            long maxGap = settings.maxGap().toMillis();
            try {
                var samples = stored.last(
                        machine.id(),
                        Instant.ofEpochMilli(ts),
                        settings.maxGap().multipliedBy(bundle.window() + 1L),
                        bundle.window() + 1);
                for (var s : samples) {
                    double[] raw = contractValues(s.values(), bundle);
                    if (raw != null) {
                        machine.append(s.ts(), raw, bundle, maxGap);
                    }
                }
                metrics.warmUp(samples.size());
            } catch (RuntimeException e) {
                // ingest-service unreachable or refusing: the window fills from live samples as without it
                log.warn("Window of machine {} not rebuilt from ingest-service: {}", machine.id(), e.toString());
            }
        }
        if (episode != null) {
            if (episode.open()) {
                machine.adopt(
                        episode.anomalyId(),
                        episode.lineId(),
                        episode.startedAt(),
                        episode.peakScore(),
                        episode.peakSensors());
                log.info("Machine {} taken over with its open anomaly {}", machine.id(), episode.anomalyId());
            }
            // samples up to the last recorded transition were scored before (a redelivered batch)
            machine.recordedUntil(episode.lastTransition().toEpochMilli());
        }
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
        if (machine != null && machine.latestState() != null) {
            metrics.machineLeft(machine.latestState());
        }
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
    private void score(Collection<Batch> batches, List<Due> steps) {
        if (batches.isEmpty() && steps.isEmpty()) {
            return;
        }
        try {
            for (Batch batch : batches) {
                scoreBatch(batch);
            }
            if (!steps.isEmpty()) {
                Map<ModelBundle, List<Due>> byModel = new IdentityHashMap<>();
                for (Due d : steps) {
                    byModel.computeIfAbsent(d.model.bundle(), b -> new ArrayList<>())
                            .add(d);
                }
                for (List<Due> group : byModel.values()) {
                    scoreStreaming(group);
                }
            }
        } catch (RuntimeException e) {
            // a machine whose transition did not commit (database down) is forgotten: the retried
            // batch takes it over again from the anomalies table instead of skipping its samples
            for (Batch batch : batches) {
                forgetUnapplied(batch.dues);
            }
            forgetUnapplied(steps);
            throw e;
        }
    }

    private void forgetUnapplied(List<Due> dues) {
        for (Due d : dues) {
            if (!d.applied) {
                forget(d.machine.id());
            }
        }
    }

    private void scoreBatch(Batch batch) {
        ThreadScorer scorer = batch.scorer;
        int size = batch.dues.size();
        int sensors = scorer.bundle.sensors().size();
        int length = size * sensors * scorer.bundle.window();
        INDArray input = Nd4j.create(DataType.FLOAT, new long[] {size, sensors, scorer.bundle.window()}, 'c');
        input.data().asNioFloat().put(scorer.input, 0, length);
        if (scorer.errors.length < size * sensors) {
            scorer.errors = new double[size * sensors];
        }
        metrics.latency().record(() -> scorer.scorer.scaledErrors(input, scorer.input, size, scorer.errors));
        if (settings.rawProbe()) {
            metrics.rawProbe().record(() -> scorer.scorer.rawOutput(input));
        }
        metrics.batch(size);
        double[] errors = scorer.errors;
        for (int i = 0; i < size; i++) {
            // Score.fromSensorErrors, without the Score: the mean error and each sensor's share
            int offset = i * sensors;
            double sum = 0;
            for (int s = 0; s < sensors; s++) {
                sum += errors[offset + s];
            }
            double[] shares = new double[sensors];
            for (int s = 0; s < sensors; s++) {
                shares[s] = sum > 0 ? errors[offset + s] / sum : 1.0 / sensors;
            }
            Due due = batch.dues.get(i);
            apply(due, sum / sensors, shares);
            due.applied = true;
        }
    }

    /**
     * The streaming forecaster: one {@code rnnTimeStep} per round over the due machines, where
     * round r holds each machine's r-th sample of the poll (a machine's samples step in order).
     */
    private void scoreStreaming(List<Due> group) {
        MachineStreams streams = streams(group.get(0).model);
        List<List<Due>> rounds = new ArrayList<>();
        Object call = new Object();
        for (Due d : group) {
            int round = d.machine.nextRound(call);
            if (rounds.size() == round) {
                rounds.add(new ArrayList<>());
            }
            rounds.get(round).add(d);
        }
        int sensors = group.get(0).model.bundle().sensors().size();
        for (List<Due> round : rounds) {
            int n = round.size();
            List<String> ids = new ArrayList<>(n);
            double[][] samples = new double[n][];
            boolean[] restarted = new boolean[n];
            for (int i = 0; i < n; i++) {
                Due d = round.get(i);
                ids.add(d.machine.id());
                samples[i] = d.row;
                restarted[i] = d.restarted;
            }
            double[] values = new double[n];
            double[] shares = new double[n * sensors];
            metrics.latency().record(() -> streams.step(ids, samples, restarted, values, shares));
            if (settings.rawProbe()) {
                INDArray input = streams.probeInput(samples);
                metrics.rawProbe().record(() -> streams.rawStep(input));
            }
            metrics.batch(n);
            for (int i = 0; i < n; i++) {
                if (!Double.isNaN(values[i])) {
                    apply(round.get(i), values[i], Arrays.copyOfRange(shares, i * sensors, (i + 1) * sensors));
                }
                round.get(i).applied = true;
            }
        }
    }

    /** This thread's streaming state for the version serving under the model's key; a swap replaces it. */
    private MachineStreams streams(ServingModel model) {
        Map<String, MachineStreams> mine = streams.get();
        MachineStreams current = mine.get(model.key());
        if (current == null || current.bundle() != model.bundle()) {
            current = new MachineStreams(model.bundle(), settings.rawProbe());
            mine.put(model.key(), current);
        }
        return current;
    }

    /** This thread's network copy of the version serving under the model's key; a swap replaces it. */
    private ThreadScorer scorer(ServingModel model) {
        Map<String, ThreadScorer> mine = scorers.get();
        ThreadScorer scorer = mine.get(model.key());
        if (scorer == null || scorer.bundle != model.bundle()) {
            ModelBundle bundle = model.bundle();
            scorer = new ThreadScorer(
                    bundle,
                    new AutoencoderScorer(
                            bundle.network().clone(),
                            bundle.window(),
                            settings.maxPollRecords(),
                            bundle.errorScales()));
            // one pass over the largest batch a poll can bring, so DL4J's workspaces have their
            // final size before live batches: a batch bigger than any before would otherwise pay
            // for allocations outside them, and the workspace's re-sizing, in its scoring call
            scorer.scorer.rawOutput(Nd4j.zeros(
                    DataType.FLOAT, settings.maxPollRecords(), bundle.sensors().size(), bundle.window()));
            mine.put(model.key(), scorer);
        }
        return scorer;
    }

    /**
     * One scored window or step: health, latest score, gauges and, on a raise or clear, the row
     * and event. {@code shares} (the sensors' parts of the score, model order) are sorted into top
     * sensors only when an event or the open episode's peak needs them.
     */
    private void apply(Due due, double value, double[] shares) {
        MachineState machine = due.machine;
        if (due.ts <= machine.recordedUntil()) {
            // its transitions are in the anomalies table and the outbox already: scoring it again
            // with a fresh health state could raise or clear the same episode a second time
            return;
        }
        ServingModel model = due.model;
        ModelBundle bundle = model.bundle();
        HealthStateMachine health = machine.health(model.key(), model.version(), bundle);
        var transition = health.update(value, shares);
        // the row change and its event commit together; the outbox relay publishes the event. Ids
        // derive from the machine and the raise time, so a transition scored again after a
        // redelivery (same samples) changes nothing and adds no second event.
        if (transition.alarmRaised()) {
            Instant at = Instant.ofEpochMilli(due.ts);
            // the score that crossed the threshold is the smoothed one, and so are its shares: a
            // forecaster's error is largest on the fault's first samples and the raise comes later
            double raised = transition.smoothedScore();
            double[] raisedShares = health.smoothedShares();
            List<SensorContribution> top = top(raised, raisedShares != null ? raisedShares : shares, bundle);
            UUID anomalyId = anomalyId(machine.id(), at);
            machine.raise(anomalyId, lines == null ? null : lines.lineOf(machine.id()), at, raised, top);
            Anomaly row = new Anomaly(
                    anomalyId,
                    machine.id(),
                    machine.lineId(),
                    Anomaly.OPEN,
                    at,
                    null,
                    raised,
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
                    raised,
                    health.threshold(),
                    top,
                    model.modelName(),
                    model.version());
            tx.executeWithoutResult(status -> {
                anomalies.open(row);
                outbox.append(machine.id(), eventId, event);
            });
        } else if (transition.alarmCleared()) {
            Instant at = Instant.ofEpochMilli(due.ts);
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
        } else if (machine.anomalyId() != null && value > machine.peakScore()) {
            machine.observe(value, top(value, shares, bundle));
        }
        // published after the transition committed: a state read over HTTP has its row already
        HealthState previous = machine.latestState();
        machine.latest(new MachineState.Latest(
                transition.to(),
                value,
                health.threshold(),
                shares,
                bundle.sensors(),
                model.modelName(),
                model.version(),
                due.ts));
        if (previous == null) {
            metrics.machineSeen(machine);
            metrics.stateChanged(null, transition.to());
        } else if (previous != transition.to()) {
            metrics.stateChanged(previous, transition.to());
        }
    }

    /** The {@code top-sensors} largest shares, largest first (ties in sensor order). */
    private List<SensorContribution> top(double value, double[] shares, ModelBundle bundle) {
        return new Score(value, shares)
                .top(bundle.sensors(), settings.topSensors()).stream()
                        .map(s -> new SensorContribution(s.sensor(), s.share()))
                        .toList();
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
    private static final class Due {
        final MachineState machine;
        final ServingModel model;
        final long ts;
        final double[] row;
        final boolean restarted;
        boolean applied;

        Due(MachineState machine, ServingModel model, long ts, double[] row, boolean restarted) {
            this.machine = machine;
            this.model = model;
            this.ts = ts;
            this.row = row;
            this.restarted = restarted;
        }
    }

    /** The due windows of one model version in a poll, copied into its thread scorer's input buffer. */
    private static final class Batch {
        final ThreadScorer scorer;
        final List<Due> dues = new ArrayList<>();

        Batch(ThreadScorer scorer) {
            this.scorer = scorer;
        }

        /** Adds a window and returns where its values go in the input buffer. */
        int add(Due due) {
            int size = scorer.bundle.sensors().size() * scorer.bundle.window();
            int offset = dues.size() * size;
            if (scorer.input.length < offset + size) {
                scorer.input = java.util.Arrays.copyOf(scorer.input, Math.max(offset + size, scorer.input.length * 2));
            }
            dues.add(due);
            return offset;
        }
    }

    /** One consumer thread's network copy of a version, with its reused batch buffers. */
    private static final class ThreadScorer {
        final ModelBundle bundle;
        final AutoencoderScorer scorer;
        float[] input = new float[0];
        double[] errors = new double[0];

        ThreadScorer(ModelBundle bundle, AutoencoderScorer scorer) {
            this.bundle = bundle;
            this.scorer = scorer;
        }
    }
}
