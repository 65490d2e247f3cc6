/**
 * The inspection model: a CNN built by a pure factory, the contract that travels with it (class
 * labels, input shape, normalisation, good classes, decision thresholds, metrics), the bundle file
 * that stores both, and the classifier that runs it.
 */
package io.linewatch.quality.model;
