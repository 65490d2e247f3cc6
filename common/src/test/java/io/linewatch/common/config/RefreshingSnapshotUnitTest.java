package io.linewatch.common.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class RefreshingSnapshotUnitTest {

    @Test
    void answersFromMemoryUntilTheValueIsOlderThanMaxAgeAndReloadsAtOnceWhenAsked() {
        AtomicInteger loads = new AtomicInteger();
        AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-11-27T12:00:00Z"));
        RefreshingSnapshot<Integer> snapshot =
                new RefreshingSnapshot<>(loads::incrementAndGet, Duration.ofSeconds(10), now::get);

        assertThat(snapshot.get()).isEqualTo(1);
        now.set(now.get().plusSeconds(10));
        assertThat(snapshot.get()).isEqualTo(1);
        now.set(now.get().plusSeconds(1));
        assertThat(snapshot.get()).isEqualTo(2);
        assertThat(snapshot.reload()).isEqualTo(3);
        assertThat(snapshot.get()).isEqualTo(3);
        assertThat(loads).hasValue(3);
    }
}
