package io.linewatch.ingest.telemetry;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Ingest meters. Every tag value comes from a closed enum (source, reason, format, outcome), so
 * cardinality is bounded; counters are incremented once per request or message, not per sample.
 */
@Component
class TelemetryMetrics {

    private final Map<Source, Counter> accepted = new EnumMap<>(Source.class);
    private final Map<Source, Counter> acceptedPoints = new EnumMap<>(Source.class);
    private final Map<Source, Map<Reason, Counter>> rejected = new EnumMap<>(Source.class);
    private final Map<Source, Map<IngestOutcome.Status, Counter>> outcomes = new EnumMap<>(Source.class);
    private final MeterRegistry meters;

    TelemetryMetrics(MeterRegistry meters) {
        this.meters = meters;
        for (Source source : Source.values()) {
            accepted.put(
                    source,
                    Counter.builder("linewatch.ingest.samples.accepted")
                            .description("Samples acknowledged by Kafka")
                            .tag("source", source.tag())
                            .register(meters));
            acceptedPoints.put(
                    source,
                    Counter.builder("linewatch.ingest.points.accepted")
                            .description("Sensor values (points) acknowledged by Kafka")
                            .tag("source", source.tag())
                            .register(meters));
            Map<Reason, Counter> byReason = new EnumMap<>(Reason.class);
            for (Reason reason : Reason.values()) {
                byReason.put(
                        reason,
                        Counter.builder("linewatch.ingest.samples.rejected")
                                .description("Samples rejected by validation, by first reason")
                                .tag("source", source.tag())
                                .tag("reason", reason.code())
                                .register(meters));
            }
            rejected.put(source, byReason);
            Map<IngestOutcome.Status, Counter> byOutcome = new EnumMap<>(IngestOutcome.Status.class);
            for (IngestOutcome.Status status : IngestOutcome.Status.values()) {
                byOutcome.put(
                        status,
                        Counter.builder("linewatch.ingest.requests")
                                .description("Ingest requests (HTTP) or messages (MQTT) by outcome")
                                .tag("source", source.tag())
                                .tag("outcome", status.code())
                                .register(meters));
            }
            outcomes.put(source, byOutcome);
        }
    }

    void record(Source source, IngestOutcome outcome, long[] rejectedByReason) {
        accepted.get(source).increment(outcome.accepted());
        acceptedPoints.get(source).increment(outcome.acceptedPoints());
        Map<Reason, Counter> byReason = rejected.get(source);
        for (Reason reason : Reason.values()) {
            long n = rejectedByReason[reason.ordinal()];
            if (n > 0) {
                byReason.get(reason).increment(n);
            }
        }
        outcomes.get(source).get(outcome.status()).increment();
    }

    void requestSize(String format, long bytes, long samples) {
        DistributionSummary.builder("linewatch.ingest.request.bytes")
                .description("Body size of telemetry requests")
                .baseUnit("bytes")
                .tag("format", format)
                .register(meters)
                .record(bytes);
        DistributionSummary.builder("linewatch.ingest.request.samples")
                .description("Samples per telemetry request")
                .tag("format", format)
                .register(meters)
                .record(samples);
    }
}
