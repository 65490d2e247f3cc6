/**
 * Training jobs over REST: {@code POST /api/v1/training-jobs} queues a job on a bounded executor,
 * {@code GET} follows its progress (epoch, losses, ETA) from PostgreSQL, {@code DELETE} or
 * {@code POST .../cancel} stops it between epochs. A successful job writes a model bundle and,
 * when a registry is configured, registers it as a new version with its lineage.
 */
package io.linewatch.monitor.trainingjob;
