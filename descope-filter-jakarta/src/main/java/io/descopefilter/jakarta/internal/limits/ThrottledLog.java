package io.descopefilter.jakarta.internal.limits;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One log line per interval for an event that may come in floods (refused verifications, send limits): the first
 * occurrence is logged in full, later ones within the interval are only counted and reported with the next line,
 * so an attacker cannot fill the logs or drown other lines. Lock-free.
 */
public final class ThrottledLog {

    private final Logger logger;
    private final Level level;
    private final long intervalMillis;
    private final Clock clock;
    private final AtomicLong nextLineAt = new AtomicLong(Long.MIN_VALUE);
    private final AtomicLong suppressed = new AtomicLong();

    public ThrottledLog(Logger logger, Level level, Duration interval, Clock clock) {
        this.logger = logger;
        this.level = level;
        this.intervalMillis = interval.toMillis();
        this.clock = clock;
    }

    /** Logs {@code format} with {@code params} unless a line went out less than an interval ago. */
    public void log(String format, Object... params) {
        if (!logger.isLoggable(level)) {
            return;
        }
        long now = clock.millis();
        long next = nextLineAt.get();
        if (now < next || !nextLineAt.compareAndSet(next, now + intervalMillis)) {
            suppressed.incrementAndGet();
            return;
        }
        long skipped = suppressed.getAndSet(0);
        Object[] withCount = new Object[params.length + 1];
        System.arraycopy(params, 0, withCount, 0, params.length);
        withCount[params.length] = skipped;
        logger.log(level, format + (skipped > 0 ? " ({" + params.length + "} more like it since the last line)"
                : ""), withCount);
    }

    /** Occurrences counted but not yet reported; for tests. */
    long pending() {
        return suppressed.get();
    }
}
