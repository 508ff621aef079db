package io.descopefilter.jakarta.internal.landing;

import io.descopefilter.core.internal.store.MemoryStore;
import io.descopefilter.core.store.SharedLimiter;
import io.descopefilter.core.store.SharedStore;
import io.descopefilter.core.store.StoreUnavailableException;

import java.time.Clock;
import java.time.Duration;

/**
 * Slows down guessing of link tokens (TX-06): at most {@code limit} failed verifications from one client per window;
 * past it, the landing answers 429 without asking Descope. A verification takes its allowance before the Descope call
 * ({@link #tryReserve}) and gives it back when the link worked or Descope could not judge it ({@link #refund}), so
 * concurrent guesses cannot pass the check before earlier failures are recorded.
 *
 * <p>The count lives in the shared store, so it holds across nodes. When the store fails, {@link #tryReserve}
 * throws and the verification is refused for now ("try again later"); a refund or a count that cannot reach the
 * store is dropped (it only ever lowers the count).
 */
public final class VerifyThrottle {

    static final int CAPACITY = 100_000;

    private final SharedLimiter failures;

    public VerifyThrottle(int limit, Duration window, Clock clock) {
        this(new MemoryStore(clock, CAPACITY), limit, window);
    }

    public VerifyThrottle(SharedStore store, int limit, Duration window) {
        this.failures = store.limiter("verify.failures", limit, window);
    }

    /**
     * Takes one failure's allowance for a verification about to be tried; {@code false} when none is left.
     *
     * @throws StoreUnavailableException the store cannot count now: the verification must wait
     */
    public boolean tryReserve(String client) {
        return failures.tryAcquire(client);
    }

    /** Gives back a reservation whose verification did not fail on the link. */
    public void refund(String client) {
        try {
            failures.refund(client);
        } catch (StoreUnavailableException e) {
            // The reservation stays counted until its window ends: stricter, never looser.
        }
    }

    public boolean isExhausted(String client) {
        return failures.isExhausted(client);
    }

    /** Counts a failure that never reached Descope (a malformed link). */
    public void recordFailure(String client) {
        try {
            failures.tryAcquire(client);
        } catch (StoreUnavailableException e) {
            // The next verification of this client is refused anyway while the store fails.
        }
    }

    public long retryAfterSeconds(String client) {
        try {
            return failures.retryAfterSeconds(client);
        } catch (StoreUnavailableException e) {
            return io.descopefilter.jakarta.internal.pages.DescopeFailures.UNAVAILABLE_RETRY_SECONDS;
        }
    }
}
