package io.linewatch.ingest.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.linewatch.common.event.Decimals;
import io.linewatch.common.event.TelemetrySample;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.support.serializer.JacksonJsonDeserializer;
import org.springframework.kafka.support.serializer.JacksonJsonSerializer;
import tools.jackson.core.io.NumberOutput;

class SampleJsonCodecUnitTest {

    private static final String TOPIC = "linewatch.telemetry.v1";

    private final SplittableRandom random = new SplittableRandom(20261127);
    private final TelemetrySampleSerializer serializer = new TelemetrySampleSerializer();
    private final TelemetrySampleDeserializer deserializer = new TelemetrySampleDeserializer();
    private final JacksonJsonDeserializer<TelemetrySample> jacksonReader =
            new JacksonJsonDeserializer<>(TelemetrySample.class, false);
    private final JacksonJsonSerializer<TelemetrySample> jacksonWriter = new JacksonJsonSerializer<>();

    @Test
    void everyDoubleIsWrittenInItsShortestFormAndReadBackToTheSameBits() {
        List<Double> values = new ArrayList<>(List.of(
                0.0,
                -0.0,
                Double.MIN_VALUE,
                -Double.MIN_VALUE,
                Double.MIN_NORMAL,
                Double.MAX_VALUE,
                Math.nextDown(Double.MIN_NORMAL),
                1e-3,
                Math.nextDown(1e-3),
                1e7,
                Math.nextDown(1e7),
                1e22,
                1e23,
                2e23,
                9007199254740993.0,
                0.1,
                0.2,
                0.3,
                1.0 / 3,
                2.0 / 3,
                1200.0,
                65.123,
                -20.5,
                123456.789,
                999999.9999999999,
                4.35,
                0.001,
                5e-324,
                1.7976931348623157e308));
        for (int i = 0; i < 200_000; i++) {
            double bits = Double.longBitsToDouble(random.nextLong());
            if (Double.isFinite(bits)) {
                values.add(bits);
            }
            values.add(Math.round(random.nextDouble(-1e6, 1e6) * 1000) / 1000.0); // sensor-like
            values.add(random.nextInt(-100_000, 100_000) / Math.pow(10, random.nextInt(0, 8)));
            values.add(Double.longBitsToDouble(random.nextLong(0, 1L << 52))); // subnormal
            values.add(random.nextDouble() * Math.pow(10, random.nextInt(-320, 300)));
        }
        byte[] buffer = new byte[Decimals.MAX_LENGTH];
        for (double v : values) {
            int end = Decimals.write(v, buffer, 0);
            String text = new String(buffer, 0, end, StandardCharsets.US_ASCII);
            assertThat(text).as("bits %x", Double.doubleToRawLongBits(v)).isEqualTo(NumberOutput.toString(v, true));
            assertThat(Double.doubleToRawLongBits(Double.parseDouble(text)))
                    .as(text)
                    .isEqualTo(Double.doubleToRawLongBits(v));
            assertThat(Double.doubleToRawLongBits(Decimals.parse(buffer, 0, end)))
                    .as(text)
                    .isEqualTo(Double.doubleToRawLongBits(v));
        }
    }

    @Test
    void jsonNumbersAreReadAsDoubleParseDoubleReadsThemAndAnythingElseIsNoNumber() {
        List<String> numbers = new ArrayList<>(List.of(
                "0",
                "-0",
                "1",
                "-1",
                "0.5",
                "1e5",
                "1E+5",
                "1e-5",
                "-2.5E-3",
                "123456789012345678",
                "1234567890123456789012",
                "9007199254740993",
                "0.1000000000000000055511151231257827",
                "1e400",
                "-1e400",
                "1e-400",
                "4.9e-324",
                "2.4703282292062328e-324",
                "1.7976931348623159e308"));
        for (int i = 0; i < 100_000; i++) {
            StringBuilder s = new StringBuilder();
            if (random.nextBoolean()) {
                s.append('-');
            }
            s.append(random.nextInt(1, 10));
            int digits = random.nextInt(0, 22);
            for (int d = 0; d < digits; d++) {
                s.append(random.nextInt(10));
            }
            if (random.nextBoolean()) {
                s.append('.').append(random.nextLong(0, Long.MAX_VALUE));
            }
            if (random.nextBoolean()) {
                s.append('e').append(random.nextInt(-330, 310));
            }
            numbers.add(s.toString());
        }
        for (String n : numbers) {
            byte[] b = n.getBytes(StandardCharsets.US_ASCII);
            assertThat(Double.doubleToRawLongBits(Decimals.parse(b, 0, b.length)))
                    .as(n)
                    .isEqualTo(Double.doubleToRawLongBits(Double.parseDouble(n)));
        }
        for (String bad : List.of(
                "", "-", "+1", "01", "-01", "1.", ".5", "1e", "1e+", "NaN", "Infinity", "1.5d", "0x1p3", "1 ")) {
            byte[] b = bad.getBytes(StandardCharsets.US_ASCII);
            assertThat(Decimals.parse(b, 0, b.length)).as(bad).isNaN();
        }
    }

    @Test
    void samplesRoundTripExactlyAndJacksonReadsTheSameSampleFromTheBytes() {
        List<String> ids = List.of(
                "press-1",
                "bench-m-00042",
                "Prüfstand-Ä",
                "温度计",
                "emoji-\uD83D\uDE00",
                "quote\"back\\slash",
                "tab\tnewline\ncontrol\u0001\u001f",
                "/slash<script>",
                "x");
        for (int i = 0; i < 20_000; i++) {
            Map<String, Double> values = new LinkedHashMap<>();
            int count = random.nextInt(1, 12);
            for (int v = 0; v < count; v++) {
                values.put(ids.get(random.nextInt(ids.size())) + v, randomValue());
            }
            TelemetrySample sample = TelemetrySample.of(
                    ids.get(random.nextInt(ids.size())),
                    random.nextLong(0, 253_402_300_799_999L),
                    random.nextLong(0, 253_402_300_799_999L),
                    values);
            byte[] bytes = serializer.serialize(TOPIC, sample);

            TelemetrySample byJackson = jacksonReader.deserialize(TOPIC, bytes);
            assertThat(byJackson).isEqualTo(sample); // Double.equals compares bits: -0.0 != 0.0
            assertThat(List.copyOf(byJackson.values().keySet())).isEqualTo(List.copyOf(values.keySet()));
            TelemetrySample byUs = deserializer.deserialize(TOPIC, bytes);
            assertThat(byUs).isEqualTo(sample);
            assertThat(List.copyOf(byUs.values().keySet())).isEqualTo(List.copyOf(values.keySet()));
        }
    }

    @Test
    void theBytesAreJacksonsBytesWhereJavaPrintsTheShortestDecimal() {
        for (int i = 0; i < 20_000; i++) {
            Map<String, Double> values = new LinkedHashMap<>();
            for (int v = 0; v < 8; v++) {
                values.put("sensor_" + v, randomValue());
            }
            TelemetrySample sample = TelemetrySample.of("m-" + i, 1_764_195_546_123L + i, 1_764_195_546_999L, values);
            boolean javaIsShortest =
                    values.values().stream().allMatch(v -> Double.toString(v).equals(NumberOutput.toString(v, true)));
            if (javaIsShortest) {
                assertThat(new String(serializer.serialize(TOPIC, sample), StandardCharsets.UTF_8))
                        .isEqualTo(new String(jacksonWriter.serialize(TOPIC, sample), StandardCharsets.UTF_8));
            }
        }
        TelemetrySample typical = TelemetrySample.of(
                "bench-m-00042", 1764195546123L, 1764195546200L, new LinkedHashMap<>(Map.of("spindle_temp", 65.123)));
        assertThat(new String(serializer.serialize(TOPIC, typical), StandardCharsets.UTF_8))
                .isEqualTo("{\"schemaVersion\":1,\"machineId\":\"bench-m-00042\",\"ts\":1764195546123,"
                        + "\"receivedAt\":1764195546200,\"values\":{\"spindle_temp\":65.123}}");
    }

    @Test
    void anyOtherJsonIsReadAsJacksonReadsItAndWhatJacksonRejectsFailsAlike() {
        List<String> bodies = List.of(
                "{\"schemaVersion\":1,\"machineId\":\"m\",\"ts\":5,\"receivedAt\":6,\"values\":{\"a\":-0,\"b\":-0.0,\"c\":7}}",
                "{\"schemaVersion\":1,\"machineId\":\"m\",\"ts\":5,\"receivedAt\":6,\"values\":{\"a\":1,\"a\":2}}",
                "{\"schemaVersion\":1,\"machineId\":\"m\",\"ts\":5,\"receivedAt\":6,\"values\":{}}",
                "{\"schemaVersion\":1,\"machineId\":\"m\",\"ts\":5,\"receivedAt\":6,\"values\":{\"a\":1e400}}",
                "{\"schemaVersion\":1,\"machineId\":\"m\",\"ts\":5,\"receivedAt\":6,\"values\":{\"a\":12345678901234567890123}}",
                "{\"schemaVersion\": 1, \"machineId\": \"m\", \"ts\": 5, \"receivedAt\": 6, \"values\": {\"a\": 1.5}}",
                "{\"machineId\":\"m\",\"schemaVersion\":1,\"values\":{\"a\":1.5},\"ts\":5,\"receivedAt\":6,\"x\":[1]}",
                "{\"schemaVersion\":1,\"machineId\":\"m\\u0041\",\"ts\":5,\"receivedAt\":6,\"values\":{\"a\":1.5}}",
                "{\"schemaVersion\":1.0,\"machineId\":\"m\",\"ts\":5,\"receivedAt\":6,\"values\":{\"a\":1.5}}",
                "{\"schemaVersion\":99,\"machineId\":\"m\",\"ts\":-5,\"receivedAt\":6,\"values\":{\"a\":1.5}}",
                "{\"schemaVersion\":1,\"machineId\":\"m\",\"ts\":5,\"receivedAt\":6,\"values\":{\"a\":null}}",
                "{\"schemaVersion\":1,\"machineId\":null,\"ts\":5,\"receivedAt\":6,\"values\":{\"a\":1}}",
                "{\"schemaVersion\":1,\"machineId\":\"m\",\"ts\":5,\"receivedAt\":6,\"values\":{\"a\":1.5}} ",
                "{\"schemaVersion\":1,\"machineId\":\"m\",\"ts\":5,\"receivedAt\":6,\"values\":{\"a\":\"1.5\"}}",
                "{\"schemaVersion\":1,\"machineId\":\"m\",\"ts\":5,\"receivedAt\":6,\"values\":{\"a\":01}}",
                "{\"schemaVersion\":1,\"machineId\":\"m\",\"ts\":5,\"receivedAt\":6,\"values\":{\"a\":+1}}",
                "{\"schemaVersion\":1,\"machineId\":\"m\",\"ts\":5,\"receivedAt\":6,\"values\":{\"a\":NaN}}",
                "{\"schemaVersion\":1,\"machineId\":\"m\",\"ts\":5,\"receivedAt\":6,\"values\":{\"a\":1.}}",
                "{\"schemaVersion\":1,\"machineId\":\"m\",\"ts\":5,\"receivedAt\":6,\"values\":{\"a\":1.5}",
                "{\"schemaVersion\":1,\"machineId\":\"m\",\"ts\":5,\"receivedAt\":6,\"values\":{\"a\":1.5}}}",
                "{\"schemaVersion\":1,\"machineId\":\"m\",\"ts\":99999999999999999999,\"receivedAt\":6,\"values\":{\"a\":1}}",
                "not json at all",
                "");
        for (String body : bodies) {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            TelemetrySample expected;
            try {
                expected = jacksonReader.deserialize(TOPIC, bytes);
            } catch (RuntimeException e) {
                assertThatThrownBy(() -> deserializer.deserialize(TOPIC, bytes))
                        .as(body)
                        .isInstanceOf(e.getClass());
                continue;
            }
            assertThat(deserializer.deserialize(TOPIC, bytes)).as(body).isEqualTo(expected);
        }
        assertThat(deserializer.deserialize(TOPIC, null)).isNull();
    }

    @Test
    void theFastReaderTakesWhatLineWatchWritesAndLeavesTheRestToJackson() {
        TelemetrySample sample = TelemetrySample.of("press-1", 5, 6, new LinkedHashMap<>(Map.of("temp", 20.5)));
        SampleJsonReader reader = new SampleJsonReader();
        assertThat(reader.read(serializer.serialize(TOPIC, sample))).isEqualTo(sample);
        assertThat(reader.read(serializer.serialize(TOPIC, TelemetrySample.of("Prüf", 5, 6, Map.of("t", 1.0)))))
                .isNull();
        assertThat(reader.read("{\"schemaVersion\": 1}".getBytes(StandardCharsets.UTF_8)))
                .isNull();
    }

    private double randomValue() {
        return switch (random.nextInt(6)) {
            case 0 -> Math.round(random.nextDouble(-1e4, 1e4) * 1000) / 1000.0;
            case 1 -> random.nextDouble();
            case 2 -> random.nextBoolean() ? -0.0 : 0.0;
            case 3 -> Double.longBitsToDouble(random.nextLong(1, 1L << 52)); // subnormal
            case 4 -> random.nextDouble() * Math.pow(10, random.nextInt(-300, 300));
            default -> {
                double bits;
                do {
                    bits = Double.longBitsToDouble(random.nextLong());
                } while (!Double.isFinite(bits));
                yield bits;
            }
        };
    }
}
