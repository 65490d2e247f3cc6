package io.linewatch.common.config;

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
    private final Supplier<Instant> now;
    private volatile Loaded<T> loaded;

    public RefreshingSnapshot(Supplier<T> loader, Duration maxAge) {
        this(loader, maxAge, Instant::now);
    }

    RefreshingSnapshot(Supplier<T> loader, Duration maxAge, Supplier<Instant> now) {
        this.loader = loader;
        this.maxAge = maxAge;
        this.now = now;
    }

    public T get() {
        Loaded<T> l = loaded;
        if (l == null || l.at().plus(maxAge).isBefore(now.get())) {
            return reload();
        }
        return l.value();
    }

    public synchronized T reload() {
        Instant at = now.get();
        T value = loader.get();
        loaded = new Loaded<>(value, at);
        return value;
    }
}
