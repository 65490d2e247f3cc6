package io.linewatch.quality.inspection;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Image retention ({@code linewatch.quality.retention.*}).
 *
 * @param imageMaxAge kept (FAIL / REVIEW) images older than this are deleted
 * @param checkInterval how often retention runs
 * @param keepLabelled whether images a person labelled are kept regardless of age (retraining data)
 * @param batch rows handled per query
 */
@Validated
@ConfigurationProperties("linewatch.quality.retention")
public record RetentionSettings(
        @DefaultValue("30d") @NotNull Duration imageMaxAge,
        @DefaultValue("1h") @NotNull Duration checkInterval,
        @DefaultValue("true") boolean keepLabelled,
        @DefaultValue("500") @Min(1) int batch) {}
