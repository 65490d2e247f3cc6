package io.linewatch.common.kafka;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Names and partition counts of every LineWatch topic ({@code linewatch.topics.*}). Each topic's
 * contract (key, value, ordering, retention, producer, consumers) is in {@code docs/events.md}.
 */
@Validated
@ConfigurationProperties("linewatch.topics")
public record LineWatchTopics(
        @DefaultValue("linewatch.telemetry.v1") @NotBlank String telemetry,

        @DefaultValue("linewatch.telemetry.v1.dlt") @NotBlank
        String telemetryDeadLetter,

        @DefaultValue("linewatch.anomalies.v1") @NotBlank String anomalies,
        @DefaultValue("linewatch.inspections.v1") @NotBlank String inspections,
        @DefaultValue("linewatch.model-events.v1") @NotBlank String modelEvents,
        @DefaultValue("12") @Min(1) int telemetryPartitions,
        @DefaultValue("1") @Min(1) short replicationFactor) {}
