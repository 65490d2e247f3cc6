/**
 * Transactional outbox plumbing shared by the services that publish events about what they
 * commit (model-registry, monitor-service, quality-service): an event row is written in the
 * transaction that writes what it announces, and {@link io.linewatch.common.outbox.OutboxRelay}
 * publishes it to Kafka and marks it sent, so the database and the event stream never disagree.
 * Delivery is at least once; every event carries an id consumers dedupe on. Each service owns its
 * outbox table (Flyway) and its writer; the table shape is fixed here:
 * {@code id bigserial, topic text, message_key text, payload text, created_at timestamptz,
 * sent_at timestamptz} plus any columns of the service's own.
 */
package io.linewatch.common.outbox;
