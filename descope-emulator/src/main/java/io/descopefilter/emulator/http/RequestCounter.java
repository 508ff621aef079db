package io.descopefilter.emulator.http;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** How many requests hit each exact path (tests use it to prove single-flight fetching). */
public final class RequestCounter {

    private static final int MAX_PATHS = 10_000;

    private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();

    void record(String path) {
        if (counts.size() >= MAX_PATHS && !counts.containsKey(path)) {
            return;
        }
        counts.computeIfAbsent(path, p -> new LongAdder()).increment();
    }

    public long count(String path) {
        LongAdder adder = counts.get(path);
        return adder == null ? 0 : adder.sum();
    }
}
