/**
 * The asset model: production lines, machines and their sensors (PostgreSQL schema
 * {@code ingest}), managed over REST and mirrored in memory by {@link
 * io.linewatch.ingest.asset.AssetCatalog} so telemetry validation never queries the database per
 * sample.
 */
package io.linewatch.ingest.asset;
