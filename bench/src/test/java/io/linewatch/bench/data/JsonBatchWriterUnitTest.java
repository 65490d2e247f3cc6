package io.linewatch.bench.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class JsonBatchWriterUnitTest {

    private final Fleet fleet = Fleet.of(10, 8);
    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void aBatchIsAJsonArrayOfSamplesWithMachineIdEpochMillisAndEightValues() {
        SignalSource source = new SignalSource(fleet, fleet.machines(), 1, new AtomicLong(1_700_000_000_000L)::get);
        ByteBuf buf = new ByteBuf(16);
        new JsonBatchWriter(fleet.sensors(), false).writeBatch(source, 500, buf);

        JsonNode batch = json.readTree(buf.toByteArray());
        assertThat(batch.isArray()).isTrue();
        assertThat(batch.size()).isEqualTo(500);
        JsonNode first = batch.get(0);
        assertThat(first.get("machineId").asString()).isEqualTo("bench-m-00001");
        assertThat(first.get("ts").isIntegralNumber()).isTrue();
        assertThat(first.get("ts").asLong()).isEqualTo(1_700_000_000_000L);
        assertThat(first.get("values").propertyNames())
                .containsExactly(
                        "spindle_temp",
                        "spindle_speed",
                        "vibration_rms",
                        "motor_current",
                        "hydraulic_pressure",
                        "coolant_flow",
                        "coolant_temp",
                        "power");
        assertThat(batch.get(10).get("machineId").asString()).isEqualTo("bench-m-00001");
        assertThat(batch.get(10).get("ts").asLong()).isEqualTo(1_700_000_000_001L);
    }

    @Test
    void isoTimestampsAreWrittenAsStrings() {
        SignalSource source = new SignalSource(fleet, fleet.machines(), 1, () -> 1_700_000_000_123L);
        ByteBuf buf = new ByteBuf(16);
        new JsonBatchWriter(fleet.sensors(), true).writeBatch(source, 1, buf);

        assertThat(json.readTree(buf.toByteArray()).get(0).get("ts").asString()).isEqualTo("2023-11-14T22:13:20.123Z");
    }

    @Test
    void valuesArePrintedWithThreeDecimalsAndCorrectRounding() {
        ByteBuf buf = new ByteBuf(4);
        buf.putFixed(65.12349, 3);
        buf.put((byte) ' ');
        buf.putFixed(-1.9996, 3);
        buf.put((byte) ' ');
        buf.putFixed(0.05, 3);
        buf.put((byte) ' ');
        buf.putLong(0);

        assertThat(new String(buf.toByteArray())).isEqualTo("65.123 -2.000 0.050 0");
    }
}
