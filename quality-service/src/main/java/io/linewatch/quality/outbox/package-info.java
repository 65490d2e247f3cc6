/**
 * Transactional outbox: an event row is written in the transaction that writes what it announces,
 * and the shared {@link io.linewatch.common.outbox.OutboxRelay} publishes it to Kafka and marks it sent, so
 * the database and the event stream never disagree (at least once; consumers dedupe on the id).
 */
package io.linewatch.quality.outbox;
