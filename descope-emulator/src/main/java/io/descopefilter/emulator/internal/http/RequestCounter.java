package io.descopefilter.emulator.internal.http;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Request counts: per exact path (every request, control routes included; tests use it to prove single-flight
 * fetching) and per API endpoint ({@code "POST /v1/auth/magiclink/verify"}, control routes excluded) with their
 * total, as {@code GET /emulator/requests} reports them.
 */
public final class RequestCounter {

    private static final int MAX_PATHS = 10_000;

    private final Map<String, LongAdder> byPath = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> byEndpoint = new ConcurrentHashMap<>();
    private final LongAdder total = new LongAdder();

    /** Counts one request; {@code endpoint} is null for control routes. */
    void record(String path, String endpoint) {
        increment(byPath, path);
        if (endpoint != null) {
            total.increment();
            increment(byEndpoint, endpoint);
        }
    }

    public long count(String path) {
        LongAdder adder = byPath.get(path);
        return adder == null ? 0 : adder.sum();
    }

    /** API requests (control routes excluded) since the start or the last {@link #reset()}. */
    public long total() {
        return total.sum();
    }

    /** API requests by {@code "<METHOD> <route pattern>"}, sorted. */
    public Map<String, Long> byEndpoint() {
        Map<String, Long> snapshot = new TreeMap<>();
        byEndpoint.forEach((key, adder) -> snapshot.put(key, adder.sum()));
        return snapshot;
    }

    /** Starts every count, per path and per endpoint, from zero. */
    public void reset() {
        byPath.clear();
        byEndpoint.clear();
        total.reset();
    }

    private static void increment(Map<String, LongAdder> counts, String key) {
        if (counts.size() >= MAX_PATHS && !counts.containsKey(key)) {
            return;
        }
        counts.computeIfAbsent(key, k -> new LongAdder()).increment();
    }
}
