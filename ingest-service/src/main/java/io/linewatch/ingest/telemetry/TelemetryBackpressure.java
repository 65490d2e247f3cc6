package io.linewatch.ingest.telemetry;

/**
 * Decides whether ingest should refuse telemetry for now (answer 429 with Retry-After, or leave
 * MQTT messages unacknowledged) because the storing side is too far behind; refusing early keeps
 * the backlog bounded instead of letting Kafka lag grow without end.
 *
 * <p>Called once per request and once per sent chunk, so implementations must answer from
 * cached state, never with I/O. The default, {@link ConsumerLagBackpressure}, reads the storing
 * consumer group's lag periodically; to replace it declare another bean of this type with
 * {@code @Primary}.
 */
public interface TelemetryBackpressure {

    boolean shouldShed();
}
