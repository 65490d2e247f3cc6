/**
 * Per-process CPU (from {@code /proc/<pid>/stat}), resident memory and JVM heap (from one
 * {@code jstat -gc <pid> 1000} per JVM, so sampling costs one small process, not one JVM start a
 * second), for the ingest-service, the broker, PostgreSQL (all its processes) and the load
 * generator itself.
 */
package io.linewatch.bench.proc;
