package io.linewatch.bench.monitor;

import io.linewatch.bench.Args;
import io.linewatch.common.event.TelemetrySample;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code monitor-feed --topic T --machines 1000 --sensors 8 --rounds 40}: writes {@code rounds}
 * samples of every machine ({@code TelemetrySample} JSON as ingest-service publishes it, keyed by
 * machine, one round per simulated second, rounds in order) to a new topic, so the monitor has a
 * backlog to score as fast as it can. Sensors are {@code s0..s(n-1)}: a per-machine sine of period
 * 60 s plus Gaussian noise, the same shape {@code train-csv} writes for the model.
 * {@code --train-csv FILE --rows N} instead writes N rows of one such machine as a CSV for
 * {@code monitor-service train} and sends nothing.
 */
public final class MonitorFeedCommand {

    static final long T0 = 1_790_000_000_000L;

    private MonitorFeedCommand() {}

    public static void run(Args args) throws Exception {
        String bootstrap = args.string("bootstrap", "127.0.0.1:9092");
        String topic = args.string("topic", "linewatch.bench.monitor");
        int machines = args.integer("machines", 1000);
        int sensors = args.integer("sensors", 8);
        int rounds = args.integer("rounds", 40);
        int partitions = args.integer("partitions", 12);
        String csv = args.string("train-csv", "");
        int rows = args.integer("rows", 2000);
        args.rejectUnknown();
        if (!csv.isEmpty()) {
            writeCsv(java.nio.file.Path.of(csv), sensors, rows);
            return;
        }

        createTopic(bootstrap, topic, partitions);
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, "262144");
        JsonMapper json = JsonMapper.builder().build();
        Random noise = new Random(3);
        AtomicReference<Exception> failure = new AtomicReference<>();
        long start = System.nanoTime();
        try (KafkaProducer<String, byte[]> producer =
                new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer())) {
            for (int r = 0; r < rounds && failure.get() == null; r++) {
                long ts = T0 + r * 1000L;
                for (int m = 0; m < machines; m++) {
                    String id = "bench-m" + m;
                    Map<String, Double> values = new LinkedHashMap<>();
                    double[] row = row(m, r, sensors, noise);
                    for (int s = 0; s < sensors; s++) {
                        values.put("s" + s, row[s]);
                    }
                    byte[] value =
                            json.writeValueAsBytes(TelemetrySample.of(id, ts, System.currentTimeMillis(), values));
                    producer.send(new ProducerRecord<>(topic, id, value), (metadata, e) -> {
                        if (e != null) {
                            failure.compareAndSet(null, e);
                        }
                    });
                }
            }
            producer.flush();
        }
        if (failure.get() != null) {
            throw new IllegalStateException("a send failed", failure.get());
        }
        System.out.printf(
                "monitor-feed: %,d samples (%d machines x %d rounds x %d sensors) on %s in %.1f s%n",
                (long) machines * rounds, machines, rounds, sensors, topic, (System.nanoTime() - start) / 1e9);
    }

    /** Machine m's sample at second r: sine of period 60 s, phase by machine, plus noise. */
    static double[] row(int m, int r, int sensors, Random noise) {
        double[] row = new double[sensors];
        for (int s = 0; s < sensors; s++) {
            double phase = (m * 7 + s * 13) % 60;
            row[s] = Math.round(
                            (10 * (s + 1) + 3 * Math.sin(2 * Math.PI * (r + phase) / 60.0) + 0.3 * noise.nextGaussian())
                                    * 1000)
                    / 1000.0;
        }
        return row;
    }

    private static void writeCsv(java.nio.file.Path file, int sensors, int rows) throws java.io.IOException {
        Random noise = new Random(11);
        StringBuilder text = new StringBuilder("timestamp");
        for (int s = 0; s < sensors; s++) {
            text.append(';').append('s').append(s);
        }
        text.append('\n');
        for (int r = 0; r < rows; r++) {
            text.append(r);
            for (double v : row(0, r, sensors, noise)) {
                text.append(';').append(v);
            }
            text.append('\n');
        }
        java.nio.file.Files.writeString(file, text);
    }

    private static void createTopic(String bootstrap, String topic, int partitions)
            throws InterruptedException, ExecutionException, java.util.concurrent.TimeoutException {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            try {
                admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1)))
                        .all()
                        .get(60, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
        }
    }
}
