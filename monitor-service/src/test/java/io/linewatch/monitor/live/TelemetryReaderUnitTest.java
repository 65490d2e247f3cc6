package io.linewatch.monitor.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.linewatch.common.event.TelemetrySample;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class TelemetryReaderUnitTest {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final List<String> SENSORS = List.of("temperature", "vibration", "current");

    final TelemetryReader reader = new TelemetryReader();

    /** What the listener read before: Jackson's TelemetrySample, then the model's sensors from its map. */
    static double[] byJackson(String json, List<String> sensors) {
        TelemetrySample sample = JSON.readValue(json, TelemetrySample.class);
        double[] out = new double[sensors.size()];
        for (int s = 0; s < out.length; s++) {
            Double value = sample.values().get(sensors.get(s));
            if (value == null || !Double.isFinite(value)) {
                return null;
            }
            out[s] = value;
        }
        return out;
    }

    double[] read(String json, List<String> sensors) {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        assertThat(reader.peek(bytes)).as(json).isTrue();
        String peeked = reader.machineId();
        TelemetrySample decoded = reader.decoded();
        double[] out = new double[sensors.size()];
        assertThat(reader.read(bytes, decoded, null, null)).as(json).isEqualTo(TelemetryReader.READ);
        int read = reader.read(bytes, decoded, sensors, out);
        assertThat(read).as(json).isNotEqualTo(TelemetryReader.UNREADABLE);
        assertThat(reader.machineId()).isEqualTo(peeked);
        return read == TelemetryReader.READ ? out : null;
    }

    @Test
    void theContractsJsonReadsAsJacksonReadsItInTheModelsSensorOrder() {
        List<String> samples = List.of(
                "{\"schemaVersion\":1,\"machineId\":\"press-07\",\"ts\":1795730103000,\"receivedAt\":1795730103041,"
                        + "\"values\":{\"temperature\":71.25,\"vibration\":0.031,\"current\":12.8}}",
                // other order, whitespace, extra sensors, integers, exponents, -0, many digits
                "{ \"values\" : { \"current\" : -0 , \"x\" : 3, \"vibration\" : 1e-3, \"temperature\" : 123456789.123456789 },"
                        + "\n \"ts\" : -5 , \"receivedAt\":0, \"machineId\" : \"m\", \"schemaVersion\" : 1 }\n",
                "{\"schemaVersion\":1,\"machineId\":\"m\",\"ts\":1,\"receivedAt\":2,"
                        + "\"values\":{\"temperature\":-0.0,\"vibration\":2.5E+2,\"current\":123456789012345678901}}",
                "{\"schemaVersion\":1,\"machineId\":\"m\",\"ts\":1,\"receivedAt\":2,"
                        + "\"values\":{\"temperature\":0.1,\"vibration\":1e400,\"current\":1}}",
                "{\"schemaVersion\":1,\"machineId\":\"m\",\"ts\":1,\"receivedAt\":2,"
                        + "\"values\":{\"temperature\":0.1,\"vibration\":null,\"current\":1}}",
                "{\"schemaVersion\":1,\"machineId\":\"m\",\"ts\":1,\"receivedAt\":2,"
                        + "\"values\":{\"temperature\":0.1,\"current\":1}}",
                "{\"schemaVersion\":1,\"machineId\":\"m\",\"ts\":1,\"receivedAt\":2,\"values\":{}}",
                // read by Jackson: escapes, a number as a string, an unknown field, non-ASCII
                "{\"schemaVersion\":1,\"machineId\":\"m\\u0041\",\"ts\":1,\"receivedAt\":2,"
                        + "\"values\":{\"temperature\":1,\"vibration\":\"2.5\",\"current\":3}}",
                "{\"schemaVersion\":1,\"machineId\":\"m\",\"ts\":1,\"receivedAt\":2,\"extra\":true,"
                        + "\"values\":{\"temperature\":1,\"vibration\":2,\"current\":3}}",
                "{\"schemaVersion\":1,\"machineId\":\"prés\",\"ts\":1,\"receivedAt\":2,"
                        + "\"values\":{\"temperature\":1,\"vibration\":2,\"current\":3}}");
        for (String json : samples) {
            double[] expected = byJackson(json, SENSORS);
            double[] actual = read(json, SENSORS);
            if (expected == null) {
                assertThat(actual).as(json).isNull();
            } else {
                assertThat(actual).as(json).isNotNull();
                for (int s = 0; s < expected.length; s++) {
                    assertThat(Double.doubleToLongBits(actual[s]))
                            .as(json + " sensor " + s)
                            .isEqualTo(Double.doubleToLongBits(expected[s]));
                }
            }
            TelemetrySample sample = JSON.readValue(json, TelemetrySample.class);
            assertThat(reader.machineId()).isEqualTo(sample.machineId());
            assertThat(reader.ts()).isEqualTo(sample.ts());
        }
    }

    @Test
    void generatedSamplesReadBackBitForBit() {
        java.util.Random random = new java.util.Random(7);
        for (int i = 0; i < 2_000; i++) {
            Map<String, Double> values = new LinkedHashMap<>();
            for (String sensor : SENSORS) {
                double v = switch (i % 4) {
                    case 0 -> Math.round(random.nextGaussian() * 1e6) / 1000.0;
                    case 1 -> random.nextGaussian() * Math.pow(10, random.nextInt(40) - 20);
                    case 2 -> random.nextInt(1000) - 500;
                    default -> random.nextDouble();
                };
                values.put(sensor, v);
            }
            String json = JSON.writeValueAsString(TelemetrySample.of("m" + i, 1_790_000_000_000L + i, 0, values));
            double[] actual = read(json, SENSORS);
            assertThat(actual).as(json).isNotNull();
            for (int s = 0; s < SENSORS.size(); s++) {
                assertThat(actual[s]).as(json).isEqualTo(values.get(SENSORS.get(s)));
            }
            assertThat(reader.machineId()).isEqualTo("m" + i);
        }
    }

    @Test
    void unreadableRecordsAreThoseJacksonCannotReadOrThatLackMachineIdOrValues() {
        for (String json : List.of("{not json", "", "null", "[]", "{}", "{\"schemaVersion\":1,\"ts\":1}")) {
            assertThat(reader.peek(json.getBytes(StandardCharsets.UTF_8)))
                    .as(json)
                    .isFalse();
        }
        assertThat(reader.peek(null)).as("tombstone").isFalse();
        // readable up to the machine id: the rest decides in the second pass, for served machines or not
        for (String json : List.of(
                "{\"schemaVersion\":1,\"machineId\":\"m\",\"ts\":1,\"receivedAt\":2}",
                "{\"schemaVersion\":1,\"machineId\":\"m\",\"ts\":1,\"receivedAt\":2,\"values\":{\"a\":01}}",
                "{\"schemaVersion\":1,\"machineId\":\"m\",\"ts\":1,\"receivedAt\":2,\"values\":{\"a\":1}",
                "{\"schemaVersion\":1,\"machineId\":\"m\",\"ts\":1,\"receivedAt\":2,\"values\":{\"a\":1.}}",
                "{\"schemaVersion\":1,\"machineId\":\"m\",\"ts\":1,\"receivedAt\":2,\"values\":{\"a\":1}} x")) {
            byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
            assertThat(reader.peek(bytes)).as(json).isTrue();
            assertThat(reader.machineId()).isEqualTo("m");
            assertThat(reader.read(bytes, reader.decoded(), null, null))
                    .as(json)
                    .isEqualTo(TelemetryReader.UNREADABLE);
            assertThat(reader.read(bytes, null, List.of("a"), new double[1]))
                    .as(json)
                    .isEqualTo(TelemetryReader.UNREADABLE);
        }
    }

    @Test
    void aRepeatedMachineIdIsReadAsJacksonReadsIt() {
        String json = "{\"schemaVersion\":1,\"machineId\":\"first\",\"ts\":1,\"receivedAt\":2,"
                + "\"machineId\":\"last\",\"values\":{\"temperature\":1,\"vibration\":2,\"current\":3}}";
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        assertThat(reader.peek(bytes)).isTrue();
        assertThat(reader.machineId()).as("peeked by the fast path").isEqualTo("first");
        double[] out = new double[3];
        assertThat(reader.read(bytes, null, SENSORS, out)).isEqualTo(TelemetryReader.READ);
        assertThat(reader.machineId())
                .isEqualTo(JSON.readValue(json, TelemetrySample.class).machineId());
        assertThat(out).containsExactly(1.0, 2.0, 3.0);
    }

    @Test
    void aDecodedSampleIsReadFromItsMap() {
        Map<String, Double> values = new LinkedHashMap<>();
        values.put("current", 3.0);
        values.put("temperature", 1.0);
        values.put("vibration", 2.0);
        assertThat(reader.peek(TelemetrySample.of("m", 5, 6, values))).isTrue();
        double[] out = new double[3];
        assertThat(reader.read(TelemetrySample.of("m", 5, 6, values), null, SENSORS, out))
                .isEqualTo(TelemetryReader.READ);
        assertThat(out).containsExactly(1.0, 2.0, 3.0);
        assertThat(reader.ts()).isEqualTo(5);
        values.remove("current");
        assertThat(reader.read(TelemetrySample.of("m", 5, 6, values), null, SENSORS, out))
                .isEqualTo(TelemetryReader.SKIP);
        assertThat(reader.read(TelemetrySample.of(null, 5, 6, values), null, SENSORS, out))
                .isEqualTo(TelemetryReader.UNREADABLE);
    }
}
