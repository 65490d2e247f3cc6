package io.linewatch.bench.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LagVerdictUnitTest {

    private static final double RATE = 125_000; // samples per second

    @Test
    void aLagThatOscillatesAroundABatchOrTwoIsBounded() {
        List<LagVerdict.Point> points = new ArrayList<>();
        for (int s = 0; s < 60; s++) {
            points.add(new LagVerdict.Point(s, s % 2 == 0 ? 5_000 : 60_000));
        }
        LagVerdict v = LagVerdict.of(points, RATE);
        assertThat(v.bounded()).isTrue();
        assertThat(v.maxLag()).isEqualTo(60_000);
        assertThat(Math.abs(v.slopePerSecond())).isLessThan(1_000);
    }

    @Test
    void aConsumerFallingBehindByTenPercentIsNotBounded() {
        List<LagVerdict.Point> points = new ArrayList<>();
        for (int s = 0; s < 60; s++) {
            points.add(new LagVerdict.Point(s, 12_500L * s));
        }
        LagVerdict v = LagVerdict.of(points, RATE);
        assertThat(v.slopePerSecond()).isEqualTo(12_500, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(v.bounded()).isFalse();
        assertThat(v.lastLag()).isEqualTo(12_500L * 59);
    }

    @Test
    void aFlatLagHeldAtTheServicesSheddingLimitIsNotKeepingUp() {
        List<LagVerdict.Point> points = new ArrayList<>();
        for (int s = 0; s < 60; s++) {
            points.add(new LagVerdict.Point(s, 5_000_000 + (s % 2) * 20_000));
        }
        LagVerdict v = LagVerdict.of(points, RATE);
        assertThat(Math.abs(v.slopePerSecond())).isLessThan(0.02 * RATE);
        assertThat(v.bounded()).isFalse();
    }

    @Test
    void tooFewSamplesProveNothing() {
        assertThat(LagVerdict.of(List.of(new LagVerdict.Point(0, 0)), RATE).bounded())
                .isFalse();
    }
}
