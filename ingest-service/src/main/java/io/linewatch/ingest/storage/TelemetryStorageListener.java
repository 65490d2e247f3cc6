package io.linewatch.ingest.storage;

import io.linewatch.common.event.TelemetrySample;
import io.linewatch.common.kafka.LineWatchTopics;
import java.sql.SQLException;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** Thin adapter: hands each polled batch of telemetry to {@link TelemetryStorageService}. */
@Component
class TelemetryStorageListener {

    /** Listener container id, for tests and operations that stop, start or inspect it. */
    static final String ID = "telemetry-storage";

    private final TelemetryStorageService service;
    private final LineWatchTopics topics;
    private final StorageSettings settings;

    TelemetryStorageListener(TelemetryStorageService service, LineWatchTopics topics, StorageSettings settings) {
        this.service = service;
        this.topics = topics;
        this.settings = settings;
    }

    @KafkaListener(
            id = ID,
            topics = "#{__listener.topic}",
            groupId = "#{__listener.groupId}",
            concurrency = "#{__listener.concurrency}",
            autoStartup = "#{__listener.autoStartup}",
            containerFactory = StorageKafkaConfiguration.CONTAINER_FACTORY,
            batch = "true")
    void onTelemetry(List<ConsumerRecord<String, TelemetrySample>> records) throws SQLException {
        service.store(records);
    }

    public String getTopic() {
        return topics.telemetry();
    }

    public String getGroupId() {
        return settings.groupId();
    }

    public String getConcurrency() {
        return Integer.toString(settings.concurrency());
    }

    public String getAutoStartup() {
        return Boolean.toString(settings.enabled());
    }
}
