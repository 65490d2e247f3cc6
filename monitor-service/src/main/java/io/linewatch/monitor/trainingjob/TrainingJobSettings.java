package io.linewatch.monitor.trainingjob;

import jakarta.validation.constraints.Min;
import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Training jobs ({@code linewatch.monitor.training-jobs.*}).
 *
 * @param concurrency jobs running at once (training takes the CPU; one by default)
 * @param queueCapacity jobs waiting beyond those; a submission past it gets 429
 * @param csvRoot server-side CSV paths must lie under this directory (null: CSV sources refused),
 *     so a caller cannot make the service read arbitrary files
 * @param outputDir where the bundles of successful jobs are written ({@code <jobId>.zip}); default
 *     {@code <java.io.tmpdir>/linewatch-training-jobs}
 * @param maxRows bound on the rows a job may load (memory)
 * @param maxEpochs upper bound on the requested epochs
 * @param registryUrl model registry base URL; unset: bundles are only written to {@code outputDir}
 * @param registryApiKey key with role MODEL_ADMIN for the registry
 * @param ingestUrl ingest-service base URL for telemetry sources; unset: telemetry sources refused
 * @param ingestApiKey key with role READ for ingest-service
 */
@Validated
@ConfigurationProperties("linewatch.monitor.training-jobs")
public record TrainingJobSettings(
        @DefaultValue("1") @Min(1) int concurrency,
        @DefaultValue("4") @Min(0) int queueCapacity,
        Path csvRoot,
        Path outputDir,
        @DefaultValue("200000") @Min(10) int maxRows,
        @DefaultValue("1000") @Min(1) int maxEpochs,
        String registryUrl,
        String registryApiKey,
        String ingestUrl,
        String ingestApiKey) {

    Path outputDirectory() {
        return outputDir != null ? outputDir : Path.of(System.getProperty("java.io.tmpdir"), "linewatch-training-jobs");
    }

    boolean registryConfigured() {
        return registryUrl != null && !registryUrl.isBlank() && registryApiKey != null && !registryApiKey.isBlank();
    }
}
