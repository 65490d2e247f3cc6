package io.linewatch.bench.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class SignalSourceUnitTest {

    private final Fleet fleet = Fleet.of(40, 8);

    @Test
    void everyValueStaysInsideItsSensorsPhysicalRange() {
        SignalSource source =
                new SignalSource(fleet, fleet.machines(), 1, new AtomicLong(1_700_000_000_000L)::getAndIncrement);
        for (int i = 0; i < 20_000; i++) {
            Sample s = source.next();
            assertThat(s.values()).hasSize(8);
            for (int v = 0; v < 8; v++) {
                SensorSpec spec = fleet.sensors().get(v);
                assertThat(s.values()[v]).isBetween(spec.min(), spec.max());
            }
        }
    }

    @Test
    void timestampsStrictlyIncreasePerMachineEvenWhenTheClockStandsStill() {
        SignalSource source = new SignalSource(fleet, fleet.machines(), 1, () -> 1_700_000_000_000L);
        Map<String, Long> last = new HashMap<>();
        for (int i = 0; i < 4_000; i++) {
            Sample s = source.next();
            Long previous = last.put(s.machineId(), s.ts());
            if (previous != null) {
                assertThat(s.ts()).isGreaterThan(previous);
            }
        }
        assertThat(last).hasSize(40);
    }

    @Test
    void signalsVarySlowlyLikeRealSensorsRatherThanJumpingAtRandom() {
        AtomicLong clock = new AtomicLong(1_700_000_000_000L);
        SignalSource source = new SignalSource(fleet, fleet.machines().subList(0, 1), 3, () -> clock.addAndGet(100));
        double[] previous = source.next().values().clone();
        for (int i = 0; i < 1_000; i++) {
            double[] now = source.next().values();
            for (int v = 0; v < 8; v++) {
                SensorSpec spec = fleet.sensors().get(v);
                // 100 ms apart: the sine moves a little and the noise is 1% of the amplitude.
                assertThat(Math.abs(now[v] - previous[v])).isLessThan(0.05 * spec.amplitude());
            }
            previous = now.clone();
        }
    }
}
