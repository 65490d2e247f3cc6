package io.linewatch.monitor.live;

import io.linewatch.common.kafka.LineWatchTopics;
import io.linewatch.monitor.health.HealthState;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.stereotype.Component;

/**
 * Live scoring's Prometheus meters. Per-machine gauges ({@code linewatch.monitor.machine.score},
 * {@code linewatch.monitor.machine.state} 0 OK / 1 WARNING / 2 ALARM, tag {@code machine}) exist
 * for at most {@code metrics-max-machines} machines, the first ones this instance scores: a fixed
 * set, so series never churn and cardinality is bounded; every machine is still counted in
 * {@code linewatch.monitor.machines{state}}. The consumer lag of the scoring group is read with
 * the admin client every {@code lag-interval}, never on the scrape thread.
 */
@Component
@ConditionalOnProperty(prefix = "linewatch.monitor.live", name = "enabled", havingValue = "true")
class LiveMetrics implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(LiveMetrics.class);

    private final MeterRegistry meters;
    private final int maxMachines;
    private final Set<String> exported = ConcurrentHashMap.newKeySet();
    private final Map<HealthState, Integer> stateCounts = new ConcurrentHashMap<>();
    private final Timer latency;
    private final Timer rawProbe;
    private final DistributionSummary batchSize;
    private final DistributionSummary warmUpSamples;
    private final Admin admin;
    private final ScheduledExecutorService lagReader;
    private final String groupId;
    private final String topic;
    private volatile long lag = -1;
    private volatile double lastBatch;

    LiveMetrics(MeterRegistry meters, LiveScoringSettings settings, KafkaProperties kafka, LineWatchTopics topics) {
        this.meters = meters;
        this.maxMachines = settings.metricsMaxMachines();
        this.groupId = settings.groupId();
        this.topic = topics.telemetry();
        this.latency = Timer.builder("linewatch.monitor.scoring.latency")
                .description("Time of one batched scoring call (all due windows of one model in a poll)")
                .publishPercentileHistogram()
                .register(meters);
        this.rawProbe = Timer.builder("linewatch.monitor.scoring.raw")
                .description("Bench only (raw-probe=true): the bare network on the same batch, after scoring it"
                        + " (output() of the windows, or rnnTimeStep of the forecaster's step)")
                .register(meters);
        this.batchSize = DistributionSummary.builder("linewatch.monitor.scoring.batch.size")
                .description("Windows scored in one batched call")
                .baseUnit("windows")
                .publishPercentileHistogram()
                .register(meters);
        this.warmUpSamples = DistributionSummary.builder("linewatch.monitor.warmup.samples")
                .description("Stored samples fetched from ingest-service to rebuild a taken-over machine's window")
                .baseUnit("samples")
                .register(meters);
        for (HealthState state : HealthState.values()) {
            stateCounts.put(state, 0);
            Gauge.builder("linewatch.monitor.machines", stateCounts, c -> c.getOrDefault(state, 0))
                    .description("Machines scored on this instance by their health state")
                    .tag("state", state.name())
                    .register(meters);
        }
        Gauge.builder("linewatch.monitor.scoring.last.batch", this, m -> m.lastBatch)
                .description(
                        "When the latest batch was scored, epoch seconds (0 before the first): a stalled scorer stops it")
                .baseUnit("seconds")
                .register(meters);
        Gauge.builder("linewatch.monitor.consumer.lag", this, m -> m.lag)
                .description("Records of the telemetry topic not yet committed by the scoring group (-1 until read)")
                .tag("group", groupId)
                .register(meters);
        this.admin = Admin.create(kafka.buildAdminProperties());
        this.lagReader = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "monitor-lag-reader");
            t.setDaemon(true);
            return t;
        });
        long every = settings.lagInterval().toMillis();
        lagReader.scheduleWithFixedDelay(this::readLag, every, every, TimeUnit.MILLISECONDS);
    }

    Timer latency() {
        return latency;
    }

    Timer rawProbe() {
        return rawProbe;
    }

    void batch(int windows) {
        batchSize.record(windows);
        lastBatch = System.currentTimeMillis() / 1000.0;
    }

    /** Registers the machine's gauges if the cap allows; called when a machine is first scored. */
    void machineSeen(MachineState machine) {
        if (exported.size() >= maxMachines || !exported.add(machine.id())) {
            return;
        }
        Gauge.builder("linewatch.monitor.machine.score", machine, MachineState::latestScore)
                .description("Latest anomaly score of the machine (first metrics-max-machines machines only)")
                .tag("machine", machine.id())
                .register(meters);
        Gauge.builder(
                        "linewatch.monitor.machine.state",
                        machine,
                        m -> m.latestState() == null ? 0 : m.latestState().ordinal())
                .description("Health state of the machine: 0 OK, 1 WARNING, 2 ALARM")
                .tag("machine", machine.id())
                .register(meters);
    }

    /** A machine handed to another instance by a rebalance is no longer counted here. */
    void machineLeft(HealthState state) {
        stateCounts.merge(state, -1, Integer::sum);
    }

    /** Stored samples fetched to rebuild a taken-over machine's window. */
    void warmUp(int samples) {
        warmUpSamples.record(samples);
    }

    void stateChanged(HealthState from, HealthState to) {
        if (from != null) {
            stateCounts.merge(from, -1, Integer::sum);
        }
        stateCounts.merge(to, 1, Integer::sum);
    }

    private void readLag() {
        try {
            Map<TopicPartition, OffsetAndMetadata> committed = admin
                    .listConsumerGroupOffsets(groupId)
                    .partitionsToOffsetAndMetadata()
                    .get(5, TimeUnit.SECONDS)
                    .entrySet()
                    .stream()
                    .filter(e -> e.getKey().topic().equals(topic) && e.getValue() != null)
                    .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
            if (committed.isEmpty()) {
                lag = 0;
                return;
            }
            var ends = admin.listOffsets(
                            committed.keySet().stream().collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest())))
                    .all()
                    .get(5, TimeUnit.SECONDS);
            long total = 0;
            for (var e : committed.entrySet()) {
                total +=
                        Math.max(0, ends.get(e.getKey()).offset() - e.getValue().offset());
            }
            lag = total;
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            log.debug("Could not read the scoring group's lag: {}", e.toString());
        }
    }

    @Override
    public void destroy() {
        lagReader.shutdownNow();
        admin.close(java.time.Duration.ofSeconds(2));
    }
}
