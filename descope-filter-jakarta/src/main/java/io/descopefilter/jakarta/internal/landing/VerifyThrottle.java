package io.descopefilter.jakarta.internal.landing;

import io.descopefilter.core.internal.store.KeyedLimiter;

import java.time.Clock;
import java.time.Duration;

/**
 * Slows down guessing of link tokens (TX-06): at most {@code limit} failed verifications from one client per window;
 * past it, the landing answers 429 without asking Descope. A verification takes its allowance before the Descope call
 * ({@link #tryReserve}) and gives it back when the link worked or Descope could not judge it ({@link #refund}), so
 * concurrent guesses cannot pass the check before earlier failures are recorded.
 */
public final class VerifyThrottle {

    static final int CAPACITY = 100_000;

    private final KeyedLimiter failures;

    public VerifyThrottle(int limit, Duration window, Clock clock) {
        this.failures = new KeyedLimiter(limit, window, CAPACITY, clock);
    }

    /** Takes one failure's allowance for a verification about to be tried; {@code false} when none is left. */
    public boolean tryReserve(String client) {
        return failures.tryAcquire(client);
    }

    /** Gives back a reservation whose verification did not fail on the link. */
    public void refund(String client) {
        failures.refund(client);
    }

    public boolean isExhausted(String client) {
        return failures.isExhausted(client);
    }

    /** Counts a failure that never reached Descope (a malformed link). */
    public void recordFailure(String client) {
        failures.tryAcquire(client);
    }

    public long retryAfterSeconds(String client) {
        return failures.retryAfterSeconds(client);
    }
}
