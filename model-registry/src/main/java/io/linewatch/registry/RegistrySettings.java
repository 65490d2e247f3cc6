package io.linewatch.registry;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * {@code linewatch.registry.*}.
 *
 * @param artifactRoot directory of the filesystem artifact store (content-addressed by sha256)
 * @param maxArtifactSize uploads above this are refused with 413 before anything is stored
 * @param validationTimeout a validation or Keras conversion running longer is killed and refused
 * @param validatorHeap {@code -Xmx} of the short-lived validator JVM
 * @param validatorNativeMemory cap on the validator's off-heap (ND4J) memory
 * @param sweepInterval how often orphan artifacts and stale staging files are looked for
 * @param orphanGrace an unreferenced artifact or staging file younger than this is left alone,
 *     because an upload may be about to commit it
 * @param modelEventPartitions partitions of the model-events topic when the registry creates it
 */
@Validated
@ConfigurationProperties("linewatch.registry")
public record RegistrySettings(
        @NotNull Path artifactRoot,
        @DefaultValue("1GB") @NotNull DataSize maxArtifactSize,
        @DefaultValue("180s") @NotNull Duration validationTimeout,
        @DefaultValue("1g") @NotBlank String validatorHeap,
        @DefaultValue("2g") @NotBlank String validatorNativeMemory,
        @DefaultValue("10m") @NotNull Duration sweepInterval,
        @DefaultValue("1h") @NotNull Duration orphanGrace,
        @DefaultValue("3") @Min(1) int modelEventPartitions) {}
