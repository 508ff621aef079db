package io.descopefilter.emulator.ratelimit;

import io.descopefilter.emulator.RateLimit;
import io.descopefilter.emulator.http.ApiException;
import java.time.Clock;
import java.util.Locale;
import java.util.OptionalLong;

/** Applies the configured {@link RateLimit}: 429 E130429 with {@code Retry-After} when a window is full. */
public final class RateLimiter {

    private final FixedWindowLimiter perLoginId;
    private final FixedWindowLimiter perClient;

    public RateLimiter(RateLimit limits, Clock clock) {
        this.perLoginId = new FixedWindowLimiter(limits.perLoginIdLimit(), limits.perLoginIdWindow(), clock);
        this.perClient = new FixedWindowLimiter(limits.perClientLimit(), limits.perClientWindow(), clock);
    }

    public void checkClient(String clientAddress) {
        reject(perClient.acquire(clientAddress));
    }

    public void checkLoginId(String loginId) {
        reject(perLoginId.acquire(loginId.trim().toLowerCase(Locale.ROOT)));
    }

    private static void reject(OptionalLong retryAfterSeconds) {
        if (retryAfterSeconds.isPresent()) {
            throw ApiException.rateLimited(retryAfterSeconds.getAsLong());
        }
    }
}
