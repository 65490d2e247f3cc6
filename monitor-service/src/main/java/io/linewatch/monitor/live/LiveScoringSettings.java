package io.linewatch.monitor.live;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Live scoring ({@code linewatch.monitor.live.*}). {@code modelFile} is a bundle written by
 * {@code train}; {@code modelName}/{@code modelVersion} are reported in events until the
 * registry supplies them.
 */
@Validated
@ConfigurationProperties("linewatch.monitor.live")
public record LiveScoringSettings(
        @DefaultValue("false") boolean enabled,
        Path modelFile,
        @DefaultValue("monitor-scoring") @NotBlank String groupId,
        @DefaultValue("1") @Min(1) int concurrency,
        @DefaultValue("500") @Min(1) int maxPollRecords,
        @DefaultValue("local") @NotBlank String modelName,
        @DefaultValue("0") @Min(0) int modelVersion,
        @DefaultValue("3") @Min(1) int topSensors) {}
