/**
 * Transactional outbox for {@link io.linewatch.common.event.ModelEvent}s: the row is written in
 * the transaction that changes the registry, and the shared {@link io.linewatch.common.outbox.OutboxRelay}
 * publishes it to Kafka (key = model name) and marks it sent, so the database and the event
 * stream never disagree. Delivery is at least once; consumers dedupe on {@code eventId}.
 */
package io.linewatch.registry.outbox;
