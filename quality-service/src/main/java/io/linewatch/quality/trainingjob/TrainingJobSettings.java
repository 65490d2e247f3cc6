package io.linewatch.quality.trainingjob;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Training jobs ({@code linewatch.quality.training-jobs.*}).
 *
 * @param roots server folders that labelled image folders must lie under; empty: folder sources
 *     are refused, so a caller cannot make the service read arbitrary files
 * @param concurrency jobs training at once (training takes the CPU; one by default)
 * @param queueCapacity jobs waiting beyond those; a submission past it gets 429
 * @param testFraction default share of each class held out to measure the registered metrics
 * @param maxImages bound on the images one job may use
 * @param maxEpochs upper bound on a job's {@code maxEpochs} setting
 * @param registryUrl model registry base URL; unset: {@code linewatch.model-client.registry-url}
 * @param registryApiKey key with role MODEL_ADMIN for the registry
 */
@Validated
@ConfigurationProperties("linewatch.quality.training-jobs")
public record TrainingJobSettings(
        @NotNull @DefaultValue List<Path> roots,
        @DefaultValue("1") @Min(1) int concurrency,
        @DefaultValue("4") @Min(0) int queueCapacity,

        @DefaultValue("0.2") @DecimalMin("0.05") @DecimalMax("0.5")
        double testFraction,

        @DefaultValue("200000") @Min(4) int maxImages,
        @DefaultValue("200") @Min(1) int maxEpochs,
        String registryUrl,
        String registryApiKey) {}
