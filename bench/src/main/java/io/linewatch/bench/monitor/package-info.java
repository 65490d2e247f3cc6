/** The monitor benchmark's Kafka side: telemetry for many machines written straight to the topic. */
package io.linewatch.bench.monitor;
