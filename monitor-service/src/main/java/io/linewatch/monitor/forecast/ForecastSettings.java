package io.linewatch.monitor.forecast;

import jakarta.validation.constraints.Min;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Forecasts ({@code linewatch.monitor.forecast.*}).
 *
 * @param modelName registry model served for forecasts (through the model client, hot-swapped when
 *     {@code modelAlias} moves); takes precedence over {@code modelFile}
 * @param modelAlias alias of {@code modelName} to serve
 * @param modelFile a streaming-forecaster bundle (written by a training job or {@code train}) used
 *     when no {@code modelName} is set; reloaded when the file changes. Neither set: 503.
 * @param maxHorizon largest accepted {@code horizon}
 * @param interval nominal sampling interval: the forecast's timestamps are the last sample's plus
 *     k x interval
 * @param maxHistory most recent samples used to warm the forecaster up (older ones are ignored)
 */
@Validated
@ConfigurationProperties("linewatch.monitor.forecast")
public record ForecastSettings(
        String modelName,
        @DefaultValue("production") String modelAlias,
        Path modelFile,
        @DefaultValue("500") @Min(1) int maxHorizon,
        @DefaultValue("1s") Duration interval,
        @DefaultValue("1000") @Min(1) int maxHistory) {}
