package io.linewatch.ingest.query;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Limits of the telemetry query ({@code linewatch.query.*}).
 *
 * @param defaultLimit samples or buckets returned when the request names no {@code limit}
 * @param maxLimit largest {@code limit} a request may ask for; larger ones are rejected, not clipped
 * @param defaultRange the range ending at {@code to} (default now) when {@code from} is absent
 * @param minStep the finest downsampling step accepted
 */
@Validated
@ConfigurationProperties("linewatch.query")
public record QuerySettings(
        @DefaultValue("1000") @Min(1) int defaultLimit,
        @DefaultValue("100000") @Min(1) int maxLimit,
        @DefaultValue("1h") @NotNull Duration defaultRange,
        @DefaultValue("1ms") @NotNull Duration minStep) {}
