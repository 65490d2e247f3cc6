package io.linewatch.ingest.codec;

import io.linewatch.common.event.TelemetrySample;
import java.util.Map;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;
import org.springframework.kafka.support.serializer.JacksonJsonDeserializer;

/**
 * Kafka value deserializer of {@code linewatch.telemetry.v1}. Records in the shape LineWatch
 * writes are read by {@link SampleJsonReader}; everything else (other field order, whitespace,
 * escapes, other producers) by Jackson with the type fixed to {@link TelemetrySample} and type
 * headers ignored, which also reports what is not JSON. Either way the result is the same as
 * Jackson's. Wrap it in an {@code ErrorHandlingDeserializer}. One instance per consumer (the
 * Kafka consumer is single-threaded): the reader keeps state between records.
 */
public final class TelemetrySampleDeserializer implements Deserializer<TelemetrySample> {

    private final SampleJsonReader reader = new SampleJsonReader();
    private final JacksonJsonDeserializer<TelemetrySample> jackson =
            new JacksonJsonDeserializer<>(TelemetrySample.class, false);

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        jackson.configure(configs, isKey);
    }

    @Override
    public TelemetrySample deserialize(String topic, byte[] data) {
        if (data == null) {
            return jackson.deserialize(topic, data);
        }
        TelemetrySample sample = reader.read(data);
        return sample != null ? sample : jackson.deserialize(topic, data);
    }

    @Override
    public TelemetrySample deserialize(String topic, Headers headers, byte[] data) {
        if (data == null) {
            return jackson.deserialize(topic, headers, data);
        }
        TelemetrySample sample = reader.read(data);
        return sample != null ? sample : jackson.deserialize(topic, headers, data);
    }

    @Override
    public void close() {
        jackson.close();
    }
}
