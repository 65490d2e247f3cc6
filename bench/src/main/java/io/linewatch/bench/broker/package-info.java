/**
 * A real single-node Kafka broker (KRaft, combined broker and controller) run as its own process
 * for the benchmark, because Kafka is not installed here and there is no Docker: same server
 * code as a production broker, its own JVM, so its CPU and heap are measured apart.
 */
package io.linewatch.bench.broker;
