package io.linewatch.ingest.telemetry;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code linewatch.ingest.telemetry.*}.
 *
 * @param mode STRICT rejects samples of unknown machines or sensors; LENIENT registers them
 * @param maxFuture how far past the server's clock a sample's ts may be
 * @param maxPast how old a sample's ts may be (backfills need a generous value)
 * @param chunkSize records per send chunk; acknowledgements are tracked per chunk
 * @param maxInFlightChunks chunks of one request awaiting acknowledgement before parsing pauses;
 *     with chunkSize this bounds a request's memory however large its body
 * @param maxErrors detailed row errors kept per request; further ones are only counted
 * @param atomicMaxSamples the most samples an {@code ?atomic=true} request may hold (they are
 *     validated in memory before anything is sent)
 * @param ackTimeout the longest a request waits for Kafka before answering 503
 * @param retryAfter the Retry-After given with 429 and 503
 */
@Validated
@ConfigurationProperties("linewatch.ingest.telemetry")
public record TelemetrySettings(
        @DefaultValue("STRICT") @NotNull Mode mode,
        @DefaultValue("5m") @NotNull Duration maxFuture,
        @DefaultValue("3650d") @NotNull Duration maxPast,
        @DefaultValue("1000") @Min(1) @Max(100_000) int chunkSize,
        @DefaultValue("16") @Min(1) @Max(1024) int maxInFlightChunks,
        @DefaultValue("1000") @Min(0) int maxErrors,
        @DefaultValue("50000") @Min(1) int atomicMaxSamples,
        @DefaultValue("60s") @NotNull Duration ackTimeout,
        @DefaultValue("5s") @NotNull Duration retryAfter) {

    public enum Mode {
        STRICT,
        LENIENT
    }
}
