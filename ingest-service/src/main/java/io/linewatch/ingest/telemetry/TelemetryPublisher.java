package io.linewatch.ingest.telemetry;

import io.linewatch.common.kafka.LineWatchTopics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.stereotype.Component;

/**
 * The one producer of topic {@code linewatch.telemetry.v1}: key = machineId (ordering per
 * machine), value = {@code TelemetrySample} as JSON without type headers (consumers outside
 * Java read it as plain JSON), serialized by the request thread from the parsed row with
 * {@link io.linewatch.ingest.codec.SampleJsonWriter}. Durability is not negotiable here, so acks=all and idempotence
 * are forced over whatever {@code spring.kafka.producer.*} says; compression, linger and batch
 * size come from there (application.yml sets throughput-friendly values).
 *
 * <p>It is its own producer rather than the auto-configured {@code KafkaTemplate}, which other
 * features keep using unchanged, and which would add an observation per record.
 */
@Component
class TelemetryPublisher implements DisposableBean {

    private final Producer<String, byte[]> producer;
    private final String topic;
    private final Timer sendLatency;

    TelemetryPublisher(KafkaProperties kafka, LineWatchTopics topics, MeterRegistry meters) {
        Map<String, Object> config = new HashMap<>(kafka.buildProducerProperties());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "linewatch-ingest-telemetry");
        this.producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
        this.topic = topics.telemetry();
        this.sendLatency = Timer.builder("linewatch.ingest.kafka.send")
                .description("From sending the first record of a chunk to Kafka acknowledging its last")
                .publishPercentiles(0.5, 0.99)
                .register(meters);
    }

    /** Sends asynchronously; the chunk learns of the acknowledgement. */
    void send(Outgoing sample, Chunk chunk) {
        chunk.sending(sample.points());
        try {
            producer.send(new ProducerRecord<>(topic, sample.machineId(), sample.value()), chunk);
        } catch (RuntimeException e) {
            // Thrown (rather than passed to the callback) when the producer is closed or interrupted.
            chunk.onCompletion(null, e);
        }
    }

    void recordLatency(Chunk chunk) {
        sendLatency.record(System.nanoTime() - chunk.startNanos, java.util.concurrent.TimeUnit.NANOSECONDS);
    }

    @Override
    public void destroy() {
        producer.close(java.time.Duration.ofSeconds(10));
    }
}
