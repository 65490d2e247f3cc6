package io.linewatch.ingest.codec;

import io.linewatch.common.event.TelemetrySample;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Kafka value serializer of {@code linewatch.telemetry.v1}: the JSON of {@link SampleJsonWriter},
 * without type headers. Thread-safe (a writer per thread): the producer serializes in the
 * sending thread, and many request threads share one producer.
 */
public final class TelemetrySampleSerializer implements Serializer<TelemetrySample> {

    private static final ThreadLocal<SampleJsonWriter> WRITERS = ThreadLocal.withInitial(SampleJsonWriter::new);

    @Override
    public byte[] serialize(String topic, TelemetrySample sample) {
        return sample == null ? null : WRITERS.get().write(sample);
    }
}
