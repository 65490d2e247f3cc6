package io.linewatch.bench.load;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/** What all workers saw, shared; read by the ticker and at the window's edges. */
final class LoadCounters {

    final LongAdder acceptedSamples = new LongAdder();
    final LongAdder rejectedSamples = new LongAdder();
    final LongAdder resent = new LongAdder();
    final AtomicReference<String> firstError = new AtomicReference<>();
    private final Map<Integer, LongAdder> statuses = new ConcurrentHashMap<>();

    void status(int code) {
        statuses.computeIfAbsent(code, c -> new LongAdder()).increment();
    }

    long count(int code) {
        LongAdder a = statuses.get(code);
        return a == null ? 0 : a.sum();
    }

    Map<Integer, Long> statuses() {
        Map<Integer, Long> copy = new TreeMap<>();
        statuses.forEach((code, n) -> copy.put(code, n.sum()));
        return copy;
    }
}
