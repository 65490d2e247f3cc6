package io.linewatch.ingest.storage;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Storing consumer and partition maintenance ({@code linewatch.storage.*}).
 *
 * @param enabled whether the storing consumer starts with the application
 * @param schema the PostgreSQL schema that holds the telemetry tables (the service's Flyway schema)
 * @param groupId Kafka consumer group of the storing consumer
 * @param concurrency consumer threads; each writes through its own database connection
 * @param maxPollRecords records per poll, i.e. the upper bound of one COPY batch
 * @param fetchMinBytes broker waits for this many bytes (or {@code fetchMaxWait}) before answering a fetch
 * @param fetchMaxWait longest wait of the broker for {@code fetchMinBytes}
 * @param retryInitialInterval first back-off after a failed database write (whole batch retried)
 * @param retryMaxInterval longest back-off; database failures are retried without limit, never dead-lettered
 * @param retention partitions whose whole day is older than this are dropped
 * @param partitionsAhead daily partitions created ahead of today
 * @param maintenanceInterval how often partitions are created ahead and expired ones dropped
 * @param lagInterval how often the consumer lag gauge is refreshed
 */
@Validated
@ConfigurationProperties("linewatch.storage")
public record StorageSettings(
        @DefaultValue("true") boolean enabled,

        @DefaultValue("ingest") @NotBlank @Pattern(regexp = "[a-z_][a-z0-9_]*")
        String schema,

        @DefaultValue("linewatch-ingest-storage") @NotBlank String groupId,
        @DefaultValue("2") @Min(1) @Max(64) int concurrency,
        @DefaultValue("5000") @Min(1) @Max(100_000) int maxPollRecords,
        @DefaultValue("65536") @Min(1) int fetchMinBytes,
        @DefaultValue("100ms") @NotNull Duration fetchMaxWait,
        @DefaultValue("500ms") @NotNull Duration retryInitialInterval,
        @DefaultValue("30s") @NotNull Duration retryMaxInterval,
        @DefaultValue("30d") @NotNull Duration retention,
        @DefaultValue("3") @Min(0) @Max(366) int partitionsAhead,
        @DefaultValue("1h") @NotNull Duration maintenanceInterval,
        @DefaultValue("10s") @NotNull Duration lagInterval) {

    String table(String name) {
        return schema + "." + name;
    }
}
