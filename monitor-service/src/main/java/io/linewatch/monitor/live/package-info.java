/**
 * Live scoring from Kafka: a batch listener on the telemetry topic keeps each machine's window of
 * preprocessed samples, scores every machine that has a full window in one batched call (one
 * network copy per worker thread), runs each machine's health state machine and writes each
 * raise and clear to the anomalies table together with its {@code AnomalyDetected} /
 * {@code AnomalyCleared} in the outbox ({@link io.linewatch.monitor.outbox}). Unreadable records go to the telemetry
 * dead-letter topic. The model comes from a local bundle file until the registry client is wired.
 * Off unless {@code linewatch.monitor.live.enabled=true}.
 */
package io.linewatch.monitor.live;
