package io.descopefilter.core.store;

/**
 * A count of events per key per window, shared by every node (see {@link SharedStore#limiter}): a token bucket
 * per key holding {@code limit} tokens, refilled in full each window.
 */
public interface SharedLimiter {

    /** Takes one token for {@code key}; {@code false} (nothing taken) when its limit is reached. */
    boolean tryAcquire(String key);

    /** Gives back one token taken by {@link #tryAcquire} for work that turned out not to count. */
    void refund(String key);

    /** Whether {@code key} has no token left, without taking one. */
    boolean isExhausted(String key);

    /** Seconds until {@code key} may act again, at least 1. */
    long retryAfterSeconds(String key);
}
