/**
 * Validation of uploaded networks and Keras conversion. Both run in a separate short-lived JVM
 * ({@link io.linewatch.registry.validation.ValidatorMain}) started with the registry's own class
 * path and killed after a timeout, because a bad artifact can crash native ND4J code, and a crash
 * is not an exception the registry could catch. The parent reads a small JSON result file.
 */
package io.linewatch.registry.validation;
