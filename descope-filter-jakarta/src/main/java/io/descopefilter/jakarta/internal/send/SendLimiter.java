package io.descopefilter.jakarta.internal.send;

import io.descopefilter.core.internal.store.KeyedLimiter;
import io.descopefilter.core.internal.store.MemoryStore;
import io.descopefilter.core.store.SharedLimiter;
import io.descopefilter.core.store.SharedStore;
import io.descopefilter.core.store.StoreUnavailableException;

import java.time.Clock;
import java.time.Duration;

/**
 * Limits how many links are sent per login ID (no email or SMS bombing of one person, SL-02) and per client IP
 * (no spraying of many addresses from one client), per window. Memory is bounded and a full table evicts instead of
 * refusing (RL-10), so a flood of new keys never turns into "accepted, nothing sent" for everyone else.
 *
 * <p>The counts live in the shared store, so a cluster allows the configured number, not that many per node. When
 * the store fails, {@link #tryAcquire} throws and the send is refused ("try again later"): a limit that cannot be
 * counted is never waved through.
 */
public final class SendLimiter {

    /** Most keys remembered per dimension. */
    static final int CAPACITY = 100_000;

    private final SharedLimiter byLoginId;
    private final SharedLimiter byClient;

    public SendLimiter(int perLoginId, int perClient, Duration window, Clock clock) {
        this(perLoginId, perClient, window, clock, CAPACITY);
    }

    SendLimiter(int perLoginId, int perClient, Duration window, Clock clock, int capacity) {
        this(new MemoryStore(clock, capacity), perLoginId, perClient, window);
    }

    public SendLimiter(SharedStore store, int perLoginId, int perClient, Duration window) {
        if (perLoginId < 1 || perClient < 1) {
            throw new IllegalArgumentException("limits must be at least 1");
        }
        this.byLoginId = store.limiter("send.loginId", perLoginId, window);
        this.byClient = store.limiter("send.client", perClient, window);
    }

    /**
     * Counts one send for this login ID (as normalised by {@link LoginIds#limitKey}) and client, and says whether
     * it may go out. A client over its limit does not use up the login ID's allowance.
     *
     * @throws StoreUnavailableException the store cannot count now: the send must be refused
     */
    public boolean tryAcquire(String loginIdKey, String client) {
        if (!byClient.tryAcquire(client)) {
            return false;
        }
        return byLoginId.tryAcquire(loginIdKey);
    }

    /** Keys held per dimension, for tests of the bound. */
    long[] sizes() {
        return new long[] {((KeyedLimiter) byLoginId).size(), ((KeyedLimiter) byClient).size()};
    }
}
