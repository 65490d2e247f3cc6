/**
 * Forecasts: {@code GET /api/v1/machines/{id}/forecast?horizon=N} (recent samples from a
 * {@link io.linewatch.monitor.forecast.RecentSamples} source) and {@code POST} (the caller sends the
 * recent samples) warm a streaming LSTM forecaster up on the machine's recent samples with
 * {@code rnnTimeStep} and roll it forward N steps on its own predictions.
 */
package io.linewatch.monitor.forecast;
