package io.linewatch.monitor.anomaly;

import java.time.Instant;

/** Validated filters of {@code GET /api/v1/anomalies}; null means "any". */
record AnomalyQuery(String machine, String line, String state, Instant from, Instant to, int limit) {}
