package io.linewatch.ingest.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.linewatch.common.event.TelemetrySample;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MergedSamplesUnitTest {

    @Test
    void samplesOfOneMachineAndTimestampMergeWithTheFirstValuePerSensorWinning() {
        MergedSamples merged = new MergedSamples();
        merged.add(TelemetrySample.of("m1", 1000, 5, Map.of("a", 1.0)));
        merged.add(TelemetrySample.of("m1", 1000, 6, Map.of("a", 9.0, "b", 2.0)));
        merged.add(TelemetrySample.of("m1", 2000, 7, Map.of("a", 3.0)));
        merged.add(TelemetrySample.of("m2", 1000, 8, Map.of("a", 4.0)));

        assertThat(merged.size()).isEqualTo(3);
        assertThat(merged.points()).isEqualTo(4);
        MergedSamples.Row first = List.copyOf(merged.rows()).get(0);
        assertThat(first.values).containsExactlyInAnyOrderEntriesOf(Map.of("a", 1.0, "b", 2.0));
        assertThat(first.receivedAt).isEqualTo(5);
    }

    @Test
    void theStorageContractRejectsWhatCannotBeStoredAndAcceptsTheRest() {
        assertThat(SampleContract.violation(TelemetrySample.of("m1", 1000, 1000, Map.of("a", 1.0))))
                .isNull();
        assertThat(SampleContract.violation(new TelemetrySample(2, "m1", 1000, 1000, Map.of("a", 1.0))))
                .contains("schemaVersion");
        assertThat(SampleContract.violation(TelemetrySample.of(" ", 1000, 1000, Map.of("a", 1.0))))
                .contains("machineId");
        assertThat(SampleContract.violation(TelemetrySample.of("m1", -1, 1000, Map.of("a", 1.0))))
                .contains("ts");
        assertThat(SampleContract.violation(TelemetrySample.of("m1", 1000, 1000, Map.of())))
                .contains("values");
        assertThat(SampleContract.violation(TelemetrySample.of("m1", 1000, 1000, Map.of("a", Double.NaN))))
                .contains("'a'");
    }
}
