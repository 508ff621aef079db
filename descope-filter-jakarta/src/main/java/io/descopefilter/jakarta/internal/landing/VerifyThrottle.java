package io.descopefilter.jakarta.internal.landing;

import io.descopefilter.jakarta.internal.send.FixedWindowCounter;

import java.time.Clock;
import java.time.Duration;

/**
 * Slows down guessing of link tokens (TX-06): after {@code limit} failed verifications from one client IP in a
 * window, the landing answers 429 without asking Descope. Successful sign-ins do not count.
 */
public final class VerifyThrottle {

    static final int CAPACITY = 50_000;

    private final int limit;
    private final FixedWindowCounter failures;

    public VerifyThrottle(int limit, Duration window, Clock clock) {
        this.limit = limit;
        this.failures = new FixedWindowCounter(window, CAPACITY, clock);
    }

    public boolean isExhausted(String client) {
        return failures.current(client) >= limit;
    }

    public void recordFailure(String client) {
        failures.increment(client);
    }

    public long retryAfterSeconds() {
        return failures.secondsUntilNextWindow();
    }
}
