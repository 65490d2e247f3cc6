package io.linewatch.bench.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Test;

class FleetUnitTest {

    @Test
    void machineIdsSpreadEvenlyOverTwelvePartitionsWithKafkasDefaultPartitioner() {
        Fleet fleet = Fleet.of(1000, 8);
        int[] perPartition = new int[12];
        for (Fleet.Machine m : fleet.machines()) {
            perPartition[Utils.toPositive(Utils.murmur2(m.id().getBytes(StandardCharsets.UTF_8))) % 12]++;
        }
        for (int n : perPartition) {
            assertThat(n).isBetween(1000 / 12 * 6 / 10, 1000 / 12 * 14 / 10);
        }
    }

    @Test
    void workerSlicesAreDisjointAndCoverTheFleet() {
        Fleet fleet = Fleet.of(1000, 8);
        Set<String> seen = new HashSet<>();
        for (int part = 0; part < 3; part++) {
            for (Fleet.Machine m : fleet.slice(part, 3)) {
                assertThat(seen.add(m.id())).isTrue();
            }
        }
        assertThat(seen).hasSize(1000);
    }

    @Test
    void eightSensorsAreDistinctAndLinesHoldFiftyMachines() {
        Fleet fleet = Fleet.of(120, 8);
        assertThat(fleet.sensors().stream().map(SensorSpec::name).distinct()).hasSize(8);
        assertThat(fleet.lineIds()).hasSize(3);
        assertThat(fleet.machines().get(49).lineId()).isEqualTo("bench-line-001");
        assertThat(fleet.machines().get(50).lineId()).isEqualTo("bench-line-002");
        assertThat(Fleet.of(1, 10).sensors().get(9).name()).isEqualTo("spindle_speed_2");
    }
}
