package io.linewatch.monitor.live;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Live scoring ({@code linewatch.monitor.live.*}). Machines with a model assignment are scored by
 * that registry model; {@code modelFile} (optional) is a bundle written by {@code train} that scores
 * every machine without an assignment, reported in events as {@code modelName}/{@code modelVersion}.
 * {@code metricsMaxMachines} caps the machines with their own score/state gauges (the first N
 * scored by this instance); {@code lagInterval} is how often the group's consumer lag is read;
 * a sample more than {@code maxGap} after its machine's previous one starts a new window.
 * {@code ingestUrl} and {@code ingestApiKey} (role READ) point at ingest-service's query API: when
 * both are set, a machine this instance takes over (first sample after start or a rebalance) gets
 * its window rebuilt from stored telemetry before it is scored; when not, its window starts empty.
 * With them set, anomaly events and rows also carry the machine's line from ingest-service's asset
 * registry, read when the anomaly is raised and kept per machine for {@code lineRefresh}; without
 * them {@code lineId} is null. {@code rawProbe} (benchmarks only) runs every scored batch a second
 * time through the bare network and records that time ({@code linewatch.monitor.scoring.raw}), so
 * the live rate can be set against raw DL4J on the same batches in the same run: {@code output()}
 * for autoencoder windows, {@code rnnTimeStep} on a probe copy of the network for each streaming
 * forecaster step. {@code syncCommits}: the consumer commits each scored poll's offsets
 * asynchronously by default (the next poll does not wait for the group coordinator; the client
 * waits for commits in flight when it closes); true waits for every commit. Either way a batch whose
 * commit was lost (a crash, a rebalance during the commit) is delivered again and scoring it again
 * raises and clears nothing twice.
 */
@Validated
@ConfigurationProperties("linewatch.monitor.live")
public record LiveScoringSettings(
        @DefaultValue("false") boolean enabled,
        Path modelFile,
        @DefaultValue("monitor-scoring") @NotBlank String groupId,
        @DefaultValue("1") @Min(1) int concurrency,
        @DefaultValue("2000") @Min(1) int maxPollRecords,
        @DefaultValue("local") @NotBlank String modelName,
        @DefaultValue("0") @Min(0) int modelVersion,
        @DefaultValue("3") @Min(1) int topSensors,
        @DefaultValue("100") @Min(0) int metricsMaxMachines,
        @DefaultValue("10s") @NotNull Duration lagInterval,
        @DefaultValue("60s") @NotNull Duration maxGap,
        String ingestUrl,
        String ingestApiKey,
        @DefaultValue("5s") @NotNull Duration ingestTimeout,
        @DefaultValue("5m") @NotNull Duration lineRefresh,
        @DefaultValue("false") boolean rawProbe,
        @DefaultValue("false") boolean syncCommits) {

    /** True when a taken-over machine's window is rebuilt from ingest-service. */
    boolean warmUpFromIngest() {
        return ingestUrl != null && !ingestUrl.isBlank() && ingestApiKey != null && !ingestApiKey.isBlank();
    }
}
