package io.descopefilter.emulator.internal.ratelimit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

/** Counts requests per key in fixed windows; bounded by pruning finished windows. */
final class FixedWindowLimiter {

    private record Window(Instant start, int count) {
    }

    private static final int PRUNE_THRESHOLD = 10_000;

    private final int limit;
    private final Duration window;
    private final Clock clock;
    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    FixedWindowLimiter(int limit, Duration window, Clock clock) {
        this.limit = limit;
        this.window = window;
        this.clock = clock;
    }

    /** Counts one request; when over the limit, the whole seconds until the window ends (at least 1). */
    OptionalLong acquire(String key) {
        if (limit <= 0) {
            return OptionalLong.empty();
        }
        Instant now = clock.instant();
        if (windows.size() > PRUNE_THRESHOLD) {
            windows.values().removeIf(w -> !now.isBefore(w.start().plus(window)));
        }
        Window current = windows.compute(key, (k, w) -> w == null || !now.isBefore(w.start().plus(window))
                ? new Window(now, 1) : new Window(w.start(), w.count() + 1));
        if (current.count() <= limit) {
            return OptionalLong.empty();
        }
        long millisLeft = Duration.between(now, current.start().plus(window)).toMillis();
        return OptionalLong.of(Math.max(1, (millisLeft + 999) / 1000));
    }
}
