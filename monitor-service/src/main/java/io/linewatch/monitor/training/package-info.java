/**
 * Fitting detectors on normal operation: the mini-batch trainer with early stopping, and the
 * pipeline that fits the normalizer, trains the network and calibrates the threshold on held-back
 * rows, producing a {@link io.linewatch.monitor.model.ModelBundle}.
 */
package io.linewatch.monitor.training;
