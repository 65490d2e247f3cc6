package io.linewatch.ingest.telemetry;

import io.linewatch.ingest.asset.AssetCatalog;
import java.io.ByteArrayInputStream;
import java.util.concurrent.CompletableFuture;
import org.springframework.stereotype.Component;

/**
 * The shared ingest path: parse, validate, publish, account. HTTP calls the blocking form per
 * request; MQTT calls {@link #ingestMessage} and is told when Kafka has answered.
 */
@Component
public class TelemetryIngestor {

    private final TelemetrySettings settings;
    private final AssetCatalog catalog;
    private final TelemetryBackpressure backpressure;
    private final TelemetryPublisher publisher;
    private final TelemetryMetrics metrics;

    TelemetryIngestor(
            TelemetrySettings settings,
            AssetCatalog catalog,
            TelemetryBackpressure backpressure,
            TelemetryPublisher publisher,
            TelemetryMetrics metrics) {
        this.settings = settings;
        this.catalog = catalog;
        this.backpressure = backpressure;
        this.publisher = publisher;
        this.metrics = metrics;
    }

    /** Whether new telemetry should be refused right now (cached, cheap). */
    public boolean shedding() {
        return backpressure.shouldShed();
    }

    /**
     * One MQTT message: a sample object or an array of them for {@code machineId} (from the
     * topic). The future completes once Kafka acknowledged or failed every valid sample.
     */
    public CompletableFuture<IngestOutcome> ingestMessage(byte[] payload, String machineId) {
        IngestSession session = open(false, false);
        try {
            JsonSamples.parseDocument(new ByteArrayInputStream(payload), machineId, session);
        } catch (MalformedBodyException e) {
            session.malformed(e);
        }
        return session.finishAsync().thenApply(outcome -> {
            metrics.record(Source.MQTT, outcome, session.rejectedByReason());
            return outcome;
        });
    }

    IngestSession open(boolean atomic, boolean sheddable) {
        return new IngestSession(settings, catalog, backpressure, publisher, atomic, sheddable);
    }

    IngestOutcome finish(IngestSession session, String format, CountingInputStream body) {
        IngestOutcome outcome = session.finish();
        metrics.record(Source.HTTP, outcome, session.rejectedByReason());
        metrics.requestSize(format, body.count(), outcome.received());
        return outcome;
    }

    IngestOutcome shedBeforeReading() {
        IngestOutcome outcome = new IngestOutcome(
                IngestOutcome.Status.SHED,
                0,
                0,
                0,
                0,
                java.util.List.of(),
                0,
                0L,
                "Telemetry storage is behind; nothing was accepted. Retry after the given delay.");
        metrics.record(Source.HTTP, outcome, new long[Reason.values().length]);
        return outcome;
    }

    TelemetrySettings settings() {
        return settings;
    }
}
