package io.linewatch.monitor.live;

import io.linewatch.common.kafka.LineWatchTopics;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** Thin adapter: hands each polled batch of telemetry (values as the JSON bytes) to {@link MachineMonitor}. */
@Component
@ConditionalOnProperty(prefix = "linewatch.monitor.live", name = "enabled", havingValue = "true")
class TelemetryScoringListener {

    static final String ID = "telemetry-scoring";

    private final MachineMonitor monitor;
    private final LineWatchTopics topics;
    private final LiveScoringSettings settings;

    TelemetryScoringListener(MachineMonitor monitor, LineWatchTopics topics, LiveScoringSettings settings) {
        this.monitor = monitor;
        this.topics = topics;
        this.settings = settings;
    }

    @KafkaListener(
            id = ID,
            topics = "#{__listener.topic}",
            groupId = "#{__listener.groupId}",
            concurrency = "#{__listener.concurrency}",
            containerFactory = LiveKafkaConfiguration.CONTAINER_FACTORY,
            batch = "true")
    void onTelemetry(List<ConsumerRecord<String, byte[]>> records) {
        monitor.acceptRaw(records);
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
}
