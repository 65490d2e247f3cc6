package io.linewatch.common.outbox;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The event outbox of a service ({@code linewatch.outbox.*}).
 *
 * @param pollInterval how often the relay looks for unsent rows when no commit woke it, and how
 *     long it backs off after a failed round (Kafka down)
 * @param batch rows published per round
 * @param retention sent rows are deleted after this long (the outbox is not an event archive)
 * @param sendTimeout how long one round waits for Kafka's acknowledgements
 */
@Validated
@ConfigurationProperties("linewatch.outbox")
public record OutboxSettings(
        @DefaultValue("1s") @NotNull Duration pollInterval,
        @DefaultValue("500") @Min(1) int batch,
        @DefaultValue("7d") @NotNull Duration retention,
        @DefaultValue("30s") @NotNull Duration sendTimeout) {}
