/**
 * The networks and the model artifact: pure factories that build each DL4J network (fixed seed,
 * named layers), the normalizer fitted on training data, and {@link io.linewatch.monitor.model.ModelBundle},
 * the single file that carries network, normalizer, threshold and input contract together so that
 * a registry can store it as one opaque blob.
 */
package io.linewatch.monitor.model;
