package io.linewatch.bench.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class LatencyRecorderUnitTest {

    @Test
    void percentilesAreNearestRankOverAllWorkersLatencies() {
        LatencyRecorder a = new LatencyRecorder();
        LatencyRecorder b = new LatencyRecorder();
        for (int ms = 1; ms <= 100; ms++) {
            (ms % 2 == 0 ? a : b).record(ms * 1_000_000L);
        }
        long[] sorted = LatencyRecorder.mergeSorted(List.of(a, b));

        assertThat(sorted).hasSize(100);
        assertThat(LatencyRecorder.percentile(sorted, 0.50)).isEqualTo(50_000);
        assertThat(LatencyRecorder.percentile(sorted, 0.99)).isEqualTo(99_000);
        assertThat(LatencyRecorder.percentile(sorted, 1.0)).isEqualTo(100_000);
        assertThat(LatencyRecorder.percentile(new long[] {7}, 0.99)).isEqualTo(7);
        assertThat(LatencyRecorder.percentile(new long[0], 0.5)).isZero();
    }

    @Test
    void aRecorderGrowsBeyondItsInitialCapacity() {
        LatencyRecorder r = new LatencyRecorder();
        for (int i = 0; i < 40_000; i++) {
            r.record(1_000);
        }
        assertThat(r.count()).isEqualTo(40_000);
    }

    @Test
    void percentilesOutsideZeroToOneAreRejected() {
        assertThatThrownBy(() -> LatencyRecorder.percentile(new long[] {1}, 99))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
