/**
 * Measuring a trained model on held-out images: confusion matrix, per-class precision, recall and
 * F1, good-vs-defect ROC AUC, and the command-line {@code evaluate images} and {@code train}
 * commands that run from the jar alone, without Kafka or PostgreSQL.
 */
package io.linewatch.quality.evaluation;
