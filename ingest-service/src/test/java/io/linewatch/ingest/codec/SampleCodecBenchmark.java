package io.linewatch.ingest.codec;

import io.linewatch.common.event.TelemetrySample;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.ToLongFunction;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.springframework.kafka.support.serializer.JacksonJsonDeserializer;
import org.springframework.kafka.support.serializer.JacksonJsonSerializer;

/**
 * Microbenchmark of the telemetry Kafka value codec against Jackson databinding (what ingest used
 * before), on samples shaped like the bench module's (1000 machines, 8 sensors, values with three
 * decimals). One thread; reports CPU time of that thread per sample, which a loaded machine
 * disturbs far less than wall-clock rates. Not a test: run it as the CLI in docs/ingest-api.md.
 */
public final class SampleCodecBenchmark {

    private static final String TOPIC = "linewatch.telemetry.v1";
    private static final String[] SENSORS = {
        "spindle_temp",
        "spindle_speed",
        "vibration_rms",
        "motor_current",
        "coolant_temp",
        "pressure",
        "feed_rate",
        "power"
    };

    public static void main(String[] args) {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        TelemetrySample[] samples = samples(20_000);
        Serializer<TelemetrySample> jacksonWriter = jacksonSerializer();
        Serializer<TelemetrySample> ourWriter = new TelemetrySampleSerializer();
        byte[][] bytes = new byte[samples.length][];
        for (int i = 0; i < samples.length; i++) {
            bytes[i] = jacksonWriter.serialize(TOPIC, samples[i]);
        }
        Deserializer<TelemetrySample> jacksonReader = new JacksonJsonDeserializer<>(TelemetrySample.class, false);
        Deserializer<TelemetrySample> ourReader = new TelemetrySampleDeserializer();
        double jw = measure(
                "serialize, Jackson databinding", seconds, samples, s -> jacksonWriter.serialize(TOPIC, s).length);
        double ow = measure(
                "serialize, TelemetrySampleSerializer", seconds, samples, s -> ourWriter.serialize(TOPIC, s).length);
        double jr = measure(
                "deserialize, Jackson databinding",
                seconds,
                bytes,
                b -> jacksonReader.deserialize(TOPIC, b).ts());
        double or = measure(
                "deserialize, TelemetrySampleDeserializer",
                seconds,
                bytes,
                b -> ourReader.deserialize(TOPIC, b).ts());
        System.out.printf("serialize: %.2fx less CPU; deserialize: %.2fx less CPU%n", jw / ow, jr / or);
    }

    static Serializer<TelemetrySample> jacksonSerializer() {
        JacksonJsonSerializer<TelemetrySample> serializer = new JacksonJsonSerializer<>();
        serializer.setAddTypeInfo(false);
        return serializer;
    }

    static <T> double measure(String name, int seconds, T[] items, ToLongFunction<T> work) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long sink = 0;
        long warmEnd = System.nanoTime() + seconds * 1_000_000_000L / 2;
        while (System.nanoTime() < warmEnd) {
            for (T item : items) {
                sink += work.applyAsLong(item);
            }
        }
        long cpuStart = threads.getCurrentThreadCpuTime();
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        long n = 0;
        while (System.nanoTime() < end) {
            for (T item : items) {
                sink += work.applyAsLong(item);
            }
            n += items.length;
        }
        double nanos = (threads.getCurrentThreadCpuTime() - cpuStart) / (double) n;
        System.out.printf("%-45s %8.0f ns CPU per sample (%d)%n", name, nanos, sink & 1);
        return nanos;
    }

    static TelemetrySample[] samples(int count) {
        SplittableRandom random = new SplittableRandom(42);
        long now = 1_764_195_546_123L;
        TelemetrySample[] samples = new TelemetrySample[count];
        for (int i = 0; i < count; i++) {
            Map<String, Double> values = new LinkedHashMap<>();
            for (String sensor : SENSORS) {
                values.put(sensor, Math.round(random.nextDouble(-50, 3000) * 1000) / 1000.0);
            }
            samples[i] = TelemetrySample.of(String.format("bench-m-%05d", i % 1000), now + i, now + i + 3, values);
        }
        return samples;
    }
}
