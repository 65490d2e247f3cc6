/**
 * Transactional outbox for {@code AnomalyDetected} / {@code AnomalyCleared}: the event row is
 * written in the transaction that opens or closes the anomaly's row, and the shared {@link
 * io.linewatch.common.outbox.OutboxRelay} publishes it to Kafka (key = machine id) in
 * commit order and marks it sent, so the anomalies table and the event stream never disagree.
 * Delivery is at least once; event ids are stable, so consumers dedupe on {@code eventId}.
 */
package io.linewatch.monitor.outbox;
