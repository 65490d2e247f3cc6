package io.linewatch.bench.baseline;

import io.linewatch.bench.Args;
import io.linewatch.bench.data.Fleet;
import io.linewatch.bench.data.Sample;
import io.linewatch.bench.data.SignalSource;
import io.linewatch.bench.report.ResultFile;
import io.linewatch.common.event.TelemetrySample;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code producer --bootstrap 127.0.0.1:9092 --duration 20s}: the KafkaProducer ceiling. Records
 * are the {@code TelemetrySample} JSON ingest publishes, keyed by machine id, serialized before
 * the clock starts (this measures the producer and broker, not Jackson), sent from one thread
 * with ingest-service's producer settings (application.yml: lz4, 256 KiB batches, 5 ms linger,
 * 64 MiB buffer; acks=all and idempotence forced) to a 12-partition topic of its own.
 */
public final class ProducerBaselineCommand {

    private static final int DISTINCT_RECORDS = 200_000;

    private ProducerBaselineCommand() {}

    public static void run(Args args) throws Exception {
        String bootstrap = args.string("bootstrap", "127.0.0.1:9092");
        int machines = args.integer("machines", 1000);
        int sensors = args.integer("sensors", 8);
        Duration duration = args.duration("duration", "20s");
        String topic = args.string("topic", "linewatch.bench.producer-ceiling");
        int partitions = args.integer("partitions", 12);
        String linger = args.string("linger-ms", "5");
        String batchSize = args.string("batch-size", "262144");
        Path out = Path.of(args.string("out", "bench/target/results/producer.properties"));
        args.rejectUnknown();

        Fleet fleet = Fleet.of(machines, sensors);
        List<ProducerRecord<String, byte[]>> records = records(fleet, topic);
        long bytes = records.stream().mapToLong(r -> r.value().length).sum();
        recreateTopic(bootstrap, topic, partitions);

        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        p.put(ProducerConfig.LINGER_MS_CONFIG, linger);
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, batchSize);
        p.put(ProducerConfig.BUFFER_MEMORY_CONFIG, "67108864");
        AtomicLong acked = new AtomicLong();
        AtomicReference<Exception> failure = new AtomicReference<>();
        long sent = 0;
        long start;
        long end;
        try (KafkaProducer<String, byte[]> producer =
                new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer())) {
            producer.partitionsFor(topic);
            start = System.nanoTime();
            long deadline = start + duration.toNanos();
            while (System.nanoTime() < deadline && failure.get() == null) {
                for (int i = 0; i < 1000; i++) {
                    producer.send(records.get((int) (sent++ % records.size())), (metadata, e) -> {
                        if (e != null) {
                            failure.compareAndSet(null, e);
                        } else {
                            acked.incrementAndGet();
                        }
                    });
                }
            }
            producer.flush();
            end = System.nanoTime();
        }
        if (failure.get() != null) {
            throw new IllegalStateException("a send failed", failure.get());
        }
        double seconds = (end - start) / 1e9;
        double recordsPerSecond = acked.get() / seconds;
        ResultFile result = new ResultFile()
                .put("producer.records", acked.get())
                .put("producer.seconds", String.format("%.2f", seconds))
                .put("producer.records.per.s", Math.round(recordsPerSecond))
                .put("producer.points.per.s", Math.round(recordsPerSecond * sensors))
                .put("producer.record.bytes", bytes / records.size())
                .put("producer.settings", "acks=all idempotent lz4 linger.ms=" + linger + " batch.size=" + batchSize);
        result.write(out);
        System.out.printf(
                "producer: %,d records in %.1f s = %,.0f records/s = %,.0f points/s (%d-byte records)%n",
                acked.get(), seconds, recordsPerSecond, recordsPerSecond * sensors, bytes / records.size());
    }

    /** Distinct generated samples as ingest would publish them (values rounded as the JSON carried them). */
    static List<ProducerRecord<String, byte[]>> records(Fleet fleet, String topic) {
        JsonMapper json = JsonMapper.builder().build();
        SignalSource source = new SignalSource(fleet, fleet.machines(), 7, System::currentTimeMillis);
        List<ProducerRecord<String, byte[]>> records = new java.util.ArrayList<>(DISTINCT_RECORDS);
        for (int i = 0; i < DISTINCT_RECORDS; i++) {
            Sample s = source.next();
            Map<String, Double> values = new LinkedHashMap<>();
            for (int v = 0; v < s.values().length; v++) {
                values.put(fleet.sensors().get(v).name(), Math.round(s.values()[v] * 1000) / 1000.0);
            }
            TelemetrySample event = TelemetrySample.of(s.machineId(), s.ts(), System.currentTimeMillis(), values);
            records.add(new ProducerRecord<>(topic, s.machineId(), json.writeValueAsBytes(event)));
        }
        return records;
    }

    static void recreateTopic(String bootstrap, String topic, int partitions)
            throws InterruptedException, ExecutionException {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            try {
                admin.deleteTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                    throw e;
                }
            } catch (java.util.concurrent.TimeoutException e) {
                throw new IllegalStateException("broker at " + bootstrap + " did not answer in 30 s", e);
            }
            createWithRetry(admin, new NewTopic(topic, partitions, (short) 1));
        }
    }

    /** A just-deleted topic can still be "marked for deletion" for a moment; creating it again is retried. */
    private static void createWithRetry(Admin admin, NewTopic topic) throws InterruptedException, ExecutionException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            try {
                admin.createTopics(List.of(topic)).all().get();
                return;
            } catch (ExecutionException e) {
                if (System.nanoTime() > deadline
                        || !(e.getCause() instanceof org.apache.kafka.common.errors.TopicExistsException)) {
                    throw e;
                }
                java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(200));
            }
        }
    }
}
