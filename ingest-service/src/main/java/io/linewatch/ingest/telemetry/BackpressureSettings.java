package io.linewatch.ingest.telemetry;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code linewatch.ingest.backpressure.*}.
 *
 * @param enabled whether the default lag check runs at all
 * @param groupId the consumer group that stores telemetry (its lag is what is bounded)
 * @param maxLag records of lag on the telemetry topic above which ingest sheds load
 * @param checkInterval how often the lag is read from Kafka
 */
@Validated
@ConfigurationProperties("linewatch.ingest.backpressure")
public record BackpressureSettings(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("linewatch-ingest-storage") @NotBlank String groupId,
        @DefaultValue("500000") @Min(1) long maxLag,
        @DefaultValue("1s") @NotNull Duration checkInterval) {}
