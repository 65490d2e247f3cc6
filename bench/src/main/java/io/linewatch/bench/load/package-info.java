/**
 * The HTTP load against ingest-service: registers the fleet through the asset API, posts JSON
 * batches from a few keep-alive connections (closed loop, or paced to a target rate), honours
 * 429/503 Retry-After by resending exactly the batch that was not accepted, and meanwhile samples
 * the storing consumer's lag and every process's CPU and heap.
 */
package io.linewatch.bench.load;
