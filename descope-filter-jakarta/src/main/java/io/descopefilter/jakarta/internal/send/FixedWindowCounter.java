package io.descopefilter.jakarta.internal.send;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts events per key in fixed time windows, in a table of bounded size (RL-10: a flood of distinct keys must
 * not exhaust memory). Entries of past windows are dropped when the table fills; if it is still full, a new key
 * is treated as over every limit until the window ends, which fails closed instead of growing.
 */
public final class FixedWindowCounter {

    private final long windowMillis;
    private final int capacity;
    private final Clock clock;
    private final ConcurrentHashMap<String, Window> counts = new ConcurrentHashMap<>();

    private record Window(long index, int count) {
    }

    public FixedWindowCounter(Duration window, int capacity, Clock clock) {
        if (window.isZero() || window.isNegative() || capacity < 1) {
            throw new IllegalArgumentException("window must be positive and capacity at least 1");
        }
        this.windowMillis = window.toMillis();
        this.capacity = capacity;
        this.clock = clock;
    }

    /** Adds one event for {@code key} and returns its count in the current window ({@link Integer#MAX_VALUE} when full). */
    public int increment(String key) {
        long index = currentIndex();
        if (!makeRoomFor(key, index)) {
            return Integer.MAX_VALUE;
        }
        Window updated = counts.compute(key, (k, old) -> old == null || old.index != index
                ? new Window(index, 1)
                : new Window(index, old.count == Integer.MAX_VALUE ? old.count : old.count + 1));
        return updated.count;
    }

    /** The count of {@code key} in the current window, without adding one. */
    public int current(String key) {
        Window window = counts.get(key);
        return window == null || window.index != currentIndex() ? 0 : window.count;
    }

    /** Seconds until the current window ends (at least 1): a fair {@code Retry-After}. */
    public long secondsUntilNextWindow() {
        long remaining = windowMillis - Math.floorMod(clock.millis(), windowMillis);
        return Math.max(1, (remaining + 999) / 1000);
    }

    /** Number of keys held; for tests of the bound. */
    int size() {
        return counts.size();
    }

    private long currentIndex() {
        return Math.floorDiv(clock.millis(), windowMillis);
    }

    private boolean makeRoomFor(String key, long index) {
        if (counts.size() < capacity || counts.containsKey(key)) {
            return true;
        }
        counts.values().removeIf(window -> window.index != index);
        return counts.size() < capacity;
    }
}
