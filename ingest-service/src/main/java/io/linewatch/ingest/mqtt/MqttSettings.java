package io.linewatch.ingest.mqtt;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code linewatch.ingest.mqtt.*}.
 *
 * @param enabled whether to subscribe at all
 * @param serverUri the broker
 * @param topicFilter what to subscribe to; one level is the machine id
 * @param machineIdLevel the 0-based topic level holding the machine id
 * @param sharedGroup when set, subscribe as {@code $share/<group>/<filter>} so several ingest
 *     instances split the messages instead of each receiving all
 * @param rejectionTopic where rejections are published; {@code {machineId}} is replaced
 * @param clientId the MQTT client id; empty means {@code linewatch-ingest-<random>}. Set a stable
 *     one together with {@code clean-session: false} so the broker keeps unacknowledged messages
 *     across a restart of this instance
 * @param cleanSession whether the broker forgets this client's session on disconnect
 * @param retryBackoff wait before retrying a message whose samples Kafka did not acknowledge
 */
@Validated
@ConfigurationProperties("linewatch.ingest.mqtt")
public record MqttSettings(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("tcp://127.0.0.1:1883") @NotBlank String serverUri,
        @DefaultValue("linewatch/+/telemetry") @NotBlank String topicFilter,
        @DefaultValue("1") @Min(0) int machineIdLevel,
        @DefaultValue("") String sharedGroup,

        @DefaultValue("linewatch/{machineId}/telemetry/rejected") @NotBlank
        String rejectionTopic,

        @DefaultValue("") String clientId,
        @DefaultValue("true") boolean cleanSession,
        String username,
        String password,
        @DefaultValue("2s") @NotNull Duration retryBackoff) {

    String subscription() {
        return sharedGroup.isBlank() ? topicFilter : "$share/" + sharedGroup + "/" + topicFilter;
    }
}
