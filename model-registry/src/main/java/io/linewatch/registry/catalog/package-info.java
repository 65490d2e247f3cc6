/**
 * Registered models, their versions and aliases (MLflow's concepts), behind
 * {@code /api/v1/models}: creating and searching models, registering a validated version
 * (DL4J zip, or Keras HDF5 converted on the way in), downloading artifacts, and moving aliases
 * with an audit history. Every registration and alias move writes its
 * {@link io.linewatch.common.event.ModelEvent} to the outbox in the same transaction.
 */
package io.linewatch.registry.catalog;
