package io.linewatch.common.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RefreshingSnapshotUnitTest {

    /** A clock the test moves by hand. */
    static final class ManualClock extends Clock {
        Instant now = Instant.parse("2026-11-27T12:00:00Z");

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void answersFromMemoryUntilTheValueIsOlderThanMaxAgeAndReloadsAtOnceWhenAsked() {
        AtomicInteger loads = new AtomicInteger();
        ManualClock clock = new ManualClock();
        RefreshingSnapshot<Integer> snapshot =
                new RefreshingSnapshot<>(loads::incrementAndGet, Duration.ofSeconds(10), clock);

        assertThat(snapshot.get()).isEqualTo(1);
        clock.now = clock.now.plusSeconds(10);
        assertThat(snapshot.get()).isEqualTo(1);
        clock.now = clock.now.plusSeconds(1);
        assertThat(snapshot.get()).isEqualTo(2);
        assertThat(snapshot.reload()).isEqualTo(3);
        assertThat(snapshot.get()).isEqualTo(3);
        assertThat(loads).hasValue(3);
    }
}
