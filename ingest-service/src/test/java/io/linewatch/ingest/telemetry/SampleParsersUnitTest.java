package io.linewatch.ingest.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SampleParsersUnitTest {

    private final List<RowDraft> rows = new ArrayList<>();

    private boolean collect(RowDraft row) {
        rows.add(row);
        return true;
    }

    private void json(String body, String machineId) {
        JsonSamples.parseDocument(
                new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)), machineId, this::collect);
    }

    @Test
    void jsonArrayRowsCarryTheirValuesAndTheProblemsFoundWhileParsing() {
        json("""
                [{"machineId":"m1","ts":1000,"values":{"a":1,"b":2.5},"extra":{"x":[1]}},
                 {"machineId":"m1","ts":"1970-01-01T00:00:01Z","values":{"a":"abc","b":NaN,"c":"Infinity","d":null}},
                 42,
                 {"ts":1000,"values":{"a":1}}]
                """, null);
        assertThat(rows).hasSize(4);
        assertThat(rows.get(0).rejected()).isFalse();
        assertThat(rows.get(0).values()).containsEntry("a", 1.0).containsEntry("b", 2.5);
        assertThat(rows.get(1).ts).isEqualTo(1000);
        assertThat(rows.get(1).errors)
                .extracting(RowError::field, RowError::reason)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("values.a", Reason.NOT_NUMERIC),
                        org.assertj.core.groups.Tuple.tuple("values.b", Reason.NOT_FINITE),
                        org.assertj.core.groups.Tuple.tuple("values.c", Reason.NOT_FINITE),
                        org.assertj.core.groups.Tuple.tuple("values.d", Reason.NOT_NUMERIC));
        assertThat(rows.get(2).errors).extracting(RowError::reason).containsExactly(Reason.MALFORMED);
        assertThat(rows.get(3).machineId).isNull();
    }

    @Test
    void aSingleObjectTakesTheMachineFromTheUrlAndAConflictingOneIsReported() {
        json("{\"ts\":5,\"values\":{\"a\":1}}", "m9");
        json("{\"machineId\":\"other\",\"ts\":5,\"values\":{\"a\":1}}", "m9");
        assertThat(rows.get(0).machineId).isEqualTo("m9");
        assertThat(rows.get(0).rejected()).isFalse();
        assertThat(rows.get(1).errors).extracting(RowError::reason).containsExactly(Reason.MACHINE_MISMATCH);
    }

    @Test
    void brokenJsonStopsAtTheRowWhereItBroke() {
        assertThatThrownBy(() -> json("[{\"machineId\":\"m1\",\"ts\":1,\"values\":{\"a\":1}}, {\"machineId\": ", null))
                .isInstanceOf(MalformedBodyException.class)
                .satisfies(e -> assertThat(((MalformedBodyException) e).index).isEqualTo(1));
        assertThat(rows).hasSize(1);
    }

    @Test
    void ndjsonReportsABadLineAndGoesOn() throws IOException {
        JsonSamples.parseNdjson(
                new StringReader("{\"machineId\":\"m1\",\"ts\":1,\"values\":{\"a\":1}}\n\n{oops\n"
                        + "{\"machineId\":\"m1\",\"ts\":2,\"values\":{\"a\":2}}\r\n"),
                null,
                this::collect);
        assertThat(rows).hasSize(3);
        assertThat(rows.get(1).errors).extracting(RowError::reason).containsExactly(Reason.MALFORMED);
        assertThat(rows.get(2).index).isEqualTo(2);
        assertThat(rows.get(2).ts).isEqualTo(2);
    }

    @Test
    void csvReadsTheHeaderSkipsEmptyCellsAndReportsBadCells() throws IOException {
        CsvSamples.parse(
                new StringReader("\uFEFFmachineId,ts,temp,speed\n"
                        + "m1,1000,20.5,\n"
                        + "m1,2026-01-01T00:00:00Z,abc,NaN\n"
                        + "m1,1000,1\n"
                        + "m1,1000,1.5d,1e999\n"),
                this::collect);
        assertThat(rows).hasSize(4);
        assertThat(rows.get(0).values()).containsExactly(java.util.Map.entry("temp", 20.5));
        assertThat(rows.get(1).errors)
                .extracting(RowError::reason)
                .containsExactly(Reason.NOT_NUMERIC, Reason.NOT_FINITE);
        assertThat(rows.get(2).errors).extracting(RowError::reason).containsExactly(Reason.MALFORMED);
        assertThat(rows.get(3).errors)
                .extracting(RowError::reason)
                .containsExactly(Reason.NOT_NUMERIC, Reason.NOT_FINITE);
    }

    @Test
    void aCsvWithoutTheRequiredHeaderIsMalformed() {
        assertThatThrownBy(() -> CsvSamples.parse(new StringReader("ts,machineId,temp\n"), this::collect))
                .isInstanceOf(MalformedBodyException.class)
                .hasMessageContaining("first column must be 'machineId'");
    }

    @Test
    void anOverlongLineIsOneRejectedRowNotAnUnboundedBuffer() throws IOException {
        String huge = "m1,1," + "1".repeat(CsvSamples.MAX_LINE + 10);
        CsvSamples.parse(new StringReader("machineId,ts,a\n" + huge + "\nm1,2,3\n"), this::collect);
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).errors.get(0).message()).contains("longer than");
        assertThat(rows.get(1).values()).containsEntry("a", 3.0);
    }

    @Test
    void aRepeatedSensorKeepsItsFirstPositionAndTakesTheLaterValueAsAMapWould() {
        StringBuilder values = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            values.append("\"s").append(i).append("\":").append(i).append(',');
        }
        json(
                "{\"machineId\":\"m1\",\"ts\":1,\"values\":{\"a\":1,\"b\":2,\"a\":NaN,\"a\":3," + values
                        + "\"s3\":-3.5,\"s39\":-39}}",
                null);
        java.util.Map<String, Double> expected = new java.util.LinkedHashMap<>();
        expected.put("a", 3.0);
        expected.put("b", 2.0);
        for (int i = 0; i < 40; i++) {
            expected.put("s" + i, i == 3 ? -3.5 : i == 39 ? -39.0 : i);
        }
        assertThat(rows.get(0).values()).containsExactlyEntriesOf(expected);
        assertThat(rows.get(0).valueCount).isEqualTo(42);
        assertThat(rows.get(0).errors).extracting(RowError::reason).containsExactly(Reason.NOT_FINITE);
    }
}
