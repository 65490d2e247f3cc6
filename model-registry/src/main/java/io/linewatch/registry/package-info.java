/**
 * model-registry: versioned DL4J networks, aliases with an audit trail, validation of uploads in
 * a separate JVM, Keras import, and model events through an outbox. See {@code docs/model-registry.md}.
 */
package io.linewatch.registry;
