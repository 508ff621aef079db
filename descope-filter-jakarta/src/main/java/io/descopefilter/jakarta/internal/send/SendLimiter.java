package io.descopefilter.jakarta.internal.send;

import java.time.Clock;
import java.time.Duration;

/**
 * Limits how many links are sent per login ID (no email or SMS bombing of one person, SL-02) and per client IP
 * (no spraying of many addresses from one client), in fixed windows. Memory is bounded (RL-10).
 */
public final class SendLimiter {

    /** Most keys remembered per dimension; at 100 bytes an entry this stays around 10 MB at worst. */
    static final int CAPACITY = 50_000;

    private final int perLoginId;
    private final int perClient;
    private final FixedWindowCounter byLoginId;
    private final FixedWindowCounter byClient;

    public SendLimiter(int perLoginId, int perClient, Duration window, Clock clock) {
        this(perLoginId, perClient, window, clock, CAPACITY);
    }

    SendLimiter(int perLoginId, int perClient, Duration window, Clock clock, int capacity) {
        if (perLoginId < 1 || perClient < 1) {
            throw new IllegalArgumentException("limits must be at least 1");
        }
        this.perLoginId = perLoginId;
        this.perClient = perClient;
        this.byLoginId = new FixedWindowCounter(window, capacity, clock);
        this.byClient = new FixedWindowCounter(window, capacity, clock);
    }

    /**
     * Counts one send for this login ID (as normalised by {@link LoginIds#limitKey}) and client, and says whether
     * it may go out. A client over its limit does not use up the login ID's allowance.
     */
    public boolean tryAcquire(String loginIdKey, String client) {
        if (byClient.increment(client) > perClient) {
            return false;
        }
        return byLoginId.increment(loginIdKey) <= perLoginId;
    }
}
