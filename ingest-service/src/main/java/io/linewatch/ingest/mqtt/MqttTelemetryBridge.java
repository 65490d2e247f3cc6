package io.linewatch.ingest.mqtt;

import io.linewatch.ingest.telemetry.IngestOutcome;
import io.linewatch.ingest.telemetry.TelemetryIngestor;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallbackExtended;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import tools.jackson.databind.ObjectMapper;

/**
 * Subscribes with QoS 1 and manual acknowledgement: a message is acknowledged to the broker only
 * after Kafka acknowledged every valid sample in it. If Kafka fails (or backpressure sheds), the
 * message is retried here after {@code retry-backoff} and stays unacknowledged meanwhile, so the
 * broker's in-flight limit throttles the gateway and, with a persistent session, a restart gets
 * it redelivered. Invalid samples are acknowledged too (redelivery would not fix them) and
 * reported on the rejection topic.
 */
@Component
class MqttTelemetryBridge implements SmartLifecycle, MqttCallbackExtended {

    private static final Logger log = LoggerFactory.getLogger(MqttTelemetryBridge.class);

    private final MqttSettings settings;
    private final TelemetryIngestor ingestor;
    private final ObjectMapper json;
    private final ExecutorService acks = Executors.newSingleThreadExecutor(r -> daemon(r, "mqtt-ack"));
    private final ScheduledExecutorService retries =
            Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "mqtt-retry"));
    private volatile MqttAsyncClient client;
    private volatile boolean running;

    MqttTelemetryBridge(MqttSettings settings, TelemetryIngestor ingestor, ObjectMapper json) {
        this.settings = settings;
        this.ingestor = ingestor;
        this.json = json;
    }

    @Override
    public void start() {
        if (!settings.enabled()) {
            return;
        }
        running = true;
        String clientId = settings.clientId().isBlank()
                ? "linewatch-ingest-" + UUID.randomUUID().toString().substring(0, 8)
                : settings.clientId();
        try {
            client = new MqttAsyncClient(settings.serverUri(), clientId, new MemoryPersistence());
            client.setManualAcks(true);
            client.setCallback(this);
        } catch (MqttException e) {
            throw new IllegalStateException("Invalid MQTT settings: " + e.getMessage(), e);
        }
        retries.execute(this::connect);
    }

    /** Connects, retrying in the background: a broker that is down must not stop the service. */
    private void connect() {
        if (!running) {
            return;
        }
        MqttConnectOptions options = new MqttConnectOptions();
        options.setCleanSession(settings.cleanSession());
        options.setAutomaticReconnect(true);
        options.setMaxInflight(1000);
        if (settings.username() != null) {
            options.setUserName(settings.username());
        }
        if (settings.password() != null) {
            options.setPassword(settings.password().toCharArray());
        }
        try {
            client.connect(options).waitForCompletion(10_000);
        } catch (MqttException e) {
            log.warn("MQTT broker {} not reachable ({}); retrying", settings.serverUri(), e.getMessage());
            retries.schedule(this::connect, settings.retryBackoff().toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public void connectComplete(boolean reconnect, String serverUri) {
        try {
            client.subscribe(settings.subscription(), 1);
            log.info("MQTT subscribed to {} on {}", settings.subscription(), serverUri);
        } catch (MqttException e) {
            log.error("MQTT subscription to {} failed: {}", settings.subscription(), e.getMessage());
        }
    }

    @Override
    public void messageArrived(String topic, MqttMessage message) {
        String machineId = machineId(topic);
        if (machineId == null) {
            log.warn(
                    "MQTT topic {} has no level {} for the machine id; acknowledged and ignored",
                    topic,
                    settings.machineIdLevel());
            ack(message);
            return;
        }
        process(topic, machineId, message);
    }

    private void process(String topic, String machineId, MqttMessage message) {
        if (!running) {
            return;
        }
        if (ingestor.shedding()) {
            retryLater(topic, machineId, message);
            return;
        }
        java.util.concurrent.CompletableFuture<IngestOutcome> result;
        try {
            result = ingestor.ingestMessage(message.getPayload(), machineId);
        } catch (RuntimeException e) {
            // e.g. the database is down while lenient mode registers a machine; an exception
            // escaping messageArrived would make Paho drop the connection.
            log.warn("MQTT message on {} could not be processed ({}); retrying", topic, e.toString());
            retryLater(topic, machineId, message);
            return;
        }
        result.whenCompleteAsync(
                (outcome, error) -> {
                    if (error != null || outcome.status() == IngestOutcome.Status.UNAVAILABLE) {
                        log.warn("MQTT message on {} not acknowledged by Kafka; retrying", topic);
                        retryLater(topic, machineId, message);
                        return;
                    }
                    if (outcome.rejected() > 0 || outcome.status() == IngestOutcome.Status.MALFORMED) {
                        publishRejection(topic, machineId, outcome);
                    }
                    ack(message);
                },
                acks);
    }

    private void retryLater(String topic, String machineId, MqttMessage message) {
        retries.schedule(
                () -> process(topic, machineId, message),
                settings.retryBackoff().toMillis(),
                TimeUnit.MILLISECONDS);
    }

    private void ack(MqttMessage message) {
        try {
            client.messageArrivedComplete(message.getId(), message.getQos());
        } catch (MqttException e) {
            log.warn("MQTT acknowledgement of message {} failed: {}", message.getId(), e.getMessage());
        }
    }

    private void publishRejection(String topic, String machineId, IngestOutcome outcome) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("machineId", machineId);
        body.put("topic", topic);
        body.put("status", outcome.status().code());
        body.put("received", outcome.received());
        body.put("accepted", outcome.accepted());
        body.put("rejected", outcome.rejected());
        body.put("errors", outcome.errors());
        body.put("errorsOmitted", outcome.errorsOmitted());
        if (outcome.detail() != null) {
            body.put("detail", outcome.detail());
        }
        try {
            client.publish(rejectionTopic(machineId), json.writeValueAsBytes(body), 1, false);
        } catch (MqttException e) {
            log.warn("Could not publish the rejection for {}: {}", topic, e.getMessage());
        }
    }

    String rejectionTopic(String machineId) {
        return settings.rejectionTopic().replace("{machineId}", machineId);
    }

    String machineId(String topic) {
        String[] levels = topic.split("/", -1);
        if (levels.length <= settings.machineIdLevel()) {
            return null;
        }
        String id = levels[settings.machineIdLevel()];
        return id.isEmpty() ? null : id;
    }

    @Override
    public void connectionLost(Throwable cause) {
        log.warn("MQTT connection lost ({}); reconnecting", cause == null ? "no cause" : cause.getMessage());
    }

    @Override
    public void deliveryComplete(IMqttDeliveryToken token) {}

    @Override
    public void stop() {
        running = false;
        retries.shutdownNow();
        acks.shutdown();
        MqttAsyncClient c = client;
        if (c != null) {
            try {
                if (c.isConnected()) {
                    c.disconnect(2_000).waitForCompletion(3_000);
                }
                c.close(true);
            } catch (MqttException e) {
                log.debug("MQTT disconnect: {}", e.getMessage());
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stop before the Kafka producer closes, so no acknowledgement races a closed producer. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 100;
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }
}
