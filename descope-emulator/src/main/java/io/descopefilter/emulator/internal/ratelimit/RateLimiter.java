package io.descopefilter.emulator.internal.ratelimit;

import io.descopefilter.emulator.RateLimit;
import io.descopefilter.emulator.internal.http.ApiException;
import java.time.Clock;
import java.util.Locale;
import java.util.OptionalLong;

/**
 * Applies the configured {@link RateLimit}: 429 E130429 with {@code Retry-After} when a window is full. The limits
 * can be replaced while running ({@link #update}); that starts every window afresh.
 */
public final class RateLimiter {

    private record Limiters(RateLimit limits, FixedWindowLimiter perLoginId, FixedWindowLimiter perClient) {
    }

    private final Clock clock;
    private volatile Limiters current;

    public RateLimiter(RateLimit limits, Clock clock) {
        this.clock = clock;
        update(limits);
    }

    public void update(RateLimit limits) {
        current = new Limiters(limits,
                new FixedWindowLimiter(limits.perLoginIdLimit(), limits.perLoginIdWindow(), clock),
                new FixedWindowLimiter(limits.perClientLimit(), limits.perClientWindow(), clock));
    }

    public RateLimit limits() {
        return current.limits();
    }

    public void checkClient(String clientAddress) {
        reject(current.perClient().acquire(clientAddress));
    }

    public void checkLoginId(String loginId) {
        reject(current.perLoginId().acquire(loginId.trim().toLowerCase(Locale.ROOT)));
    }

    private static void reject(OptionalLong retryAfterSeconds) {
        if (retryAfterSeconds.isPresent()) {
            throw ApiException.rateLimited(retryAfterSeconds.getAsLong());
        }
    }
}
