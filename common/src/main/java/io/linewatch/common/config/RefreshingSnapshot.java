package io.linewatch.common.config;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * A value read from a table (or anything slow) that the hot path reads from memory: {@link #get}
 * answers the last load and loads again once it is older than {@code maxAge}; {@link #reload}
 * loads now, after a change through this instance. So a change made through another instance is
 * seen within {@code maxAge}, and one made here at once.
 */
public final class RefreshingSnapshot<T> {

    private record Loaded<T>(T value, Instant at) {}

    private final Supplier<T> loader;
    private final Duration maxAge;
    private final Clock clock;
    private volatile Loaded<T> loaded;

    public RefreshingSnapshot(Supplier<T> loader, Duration maxAge) {
        this(loader, maxAge, Clock.systemUTC());
    }

    RefreshingSnapshot(Supplier<T> loader, Duration maxAge, Clock clock) {
        this.loader = loader;
        this.maxAge = maxAge;
        this.clock = clock;
    }

    public T get() {
        Loaded<T> l = loaded;
        if (l == null || l.at().plus(maxAge).isBefore(clock.instant())) {
            return reload();
        }
        return l.value();
    }

    public synchronized T reload() {
        Instant at = clock.instant();
        T value = loader.get();
        loaded = new Loaded<>(value, at);
        return value;
    }
}
