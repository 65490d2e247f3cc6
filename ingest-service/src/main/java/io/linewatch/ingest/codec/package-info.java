/**
 * The Kafka value codec of {@code linewatch.telemetry.v1}: {@code TelemetrySample} as the JSON of
 * {@code docs/events.md}, written straight into bytes and read back without Jackson's databinding
 * for the shape LineWatch itself writes. Doubles are written in their shortest round-trip form
 * (Schubfach, as {@code Double.toString} of Java 19+) and read back to the same bits. Anything
 * else that arrives on the topic is read by Jackson, so outside producers keep working.
 */
package io.linewatch.ingest.codec;
