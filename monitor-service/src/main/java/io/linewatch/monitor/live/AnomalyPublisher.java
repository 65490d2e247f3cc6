package io.linewatch.monitor.live;

import io.linewatch.common.kafka.LineWatchTopics;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.kafka.support.serializer.JacksonJsonSerializer;
import org.springframework.stereotype.Component;

/**
 * The one producer of {@code AnomalyDetected} / {@code AnomalyCleared}: key = machineId, value =
 * JSON without type headers. Sends synchronously, so a batch's offsets are committed only after
 * its events are acknowledged (at-least-once).
 */
@Component
@ConditionalOnProperty(prefix = "linewatch.monitor.live", name = "enabled", havingValue = "true")
class AnomalyPublisher implements DisposableBean {

    private final Producer<String, Object> producer;
    private final String topic;

    AnomalyPublisher(KafkaProperties kafka, LineWatchTopics topics) {
        Map<String, Object> config =
                new HashMap<>(LiveKafkaConfiguration.withoutSerdeSettings(kafka.buildProducerProperties()));
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        JacksonJsonSerializer<Object> values = new JacksonJsonSerializer<>();
        values.setAddTypeInfo(false);
        this.producer = new KafkaProducer<>(config, new StringSerializer(), values);
        this.topic = topics.anomalies();
    }

    void publish(String machineId, Object event) {
        try {
            producer.send(new ProducerRecord<>(topic, machineId, event)).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while publishing an anomaly event", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("anomaly event for " + machineId + " not acknowledged", e);
        }
    }

    @Override
    public void destroy() {
        producer.close(Duration.ofSeconds(10));
    }
}
