/**
 * The anomaly history: one row per anomaly episode (opened on ALARM, closed when the machine
 * recovers) in {@code monitor.anomalies}, and {@code GET /api/v1/anomalies} to query it.
 */
package io.linewatch.monitor.anomaly;
