package io.descopefilter.emulator;

import java.time.Duration;
import java.util.Objects;

/**
 * Fixed-window request limits: per login ID (link-sending calls) and per client address (every API call).
 * A limit of 0 disables that check.
 */
public record RateLimit(int perLoginIdLimit, Duration perLoginIdWindow, int perClientLimit, Duration perClientWindow) {

    private static final Duration MINUTE = Duration.ofMinutes(1);

    public RateLimit {
        Objects.requireNonNull(perLoginIdWindow, "perLoginIdWindow");
        Objects.requireNonNull(perClientWindow, "perClientWindow");
        if (perLoginIdLimit < 0 || perClientLimit < 0) {
            throw new IllegalArgumentException("limits must not be negative");
        }
        if (perLoginIdWindow.getSeconds() < 1 || perClientWindow.getSeconds() < 1) {
            throw new IllegalArgumentException("windows must be at least one second");
        }
    }

    /** Generous enough for ordinary tests: 20 link requests per login ID and 1000 calls per client per minute. */
    public static RateLimit defaults() {
        return new RateLimit(20, MINUTE, 1000, MINUTE);
    }

    public static RateLimit unlimited() {
        return new RateLimit(0, MINUTE, 0, MINUTE);
    }

    /** The defaults with this per-login-ID limit. */
    public static RateLimit perLoginId(int limit, Duration window) {
        return defaults().withPerLoginId(limit, window);
    }

    public RateLimit withPerLoginId(int limit, Duration window) {
        return new RateLimit(limit, window, perClientLimit, perClientWindow);
    }

    /** This limit with a different per-client limit. */
    public RateLimit perClient(int limit, Duration window) {
        return new RateLimit(perLoginIdLimit, perLoginIdWindow, limit, window);
    }
}
