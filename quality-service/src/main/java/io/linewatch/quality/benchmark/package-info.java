/**
 * The {@code benchmark} command: throughput of the product's classification path against raw
 * {@code output()}, latency percentiles, heatmap cost and memory, and optional HTTP round trips.
 */
package io.linewatch.quality.benchmark;
