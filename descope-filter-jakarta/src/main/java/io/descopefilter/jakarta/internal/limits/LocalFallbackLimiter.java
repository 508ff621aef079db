package io.descopefilter.jakarta.internal.limits;

import io.descopefilter.core.internal.store.KeyedLimiter;
import io.descopefilter.core.store.SharedLimiter;
import io.descopefilter.core.store.StoreUnavailableException;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;

/**
 * A shared limit that this node keeps on its own while the store fails, for a limit whose work must go on without
 * the store (refused refreshes: a refresh never depends on the store). During an outage each node counts to the
 * limit by itself; the log says so once per outage.
 */
public final class LocalFallbackLimiter implements SharedLimiter {

    private static final System.Logger LOG = System.getLogger(LocalFallbackLimiter.class.getName());

    private final SharedLimiter shared;
    private final KeyedLimiter local;
    private final String what;
    private volatile boolean failing;

    public LocalFallbackLimiter(SharedLimiter shared, String what, int limit, Duration window, int capacity,
                                Clock clock) {
        this.shared = shared;
        this.what = what;
        this.local = new KeyedLimiter(limit, window, capacity, clock);
    }

    @Override
    public boolean tryAcquire(String key) {
        try {
            return recovered(shared.tryAcquire(key));
        } catch (StoreUnavailableException e) {
            return failed().tryAcquire(key);
        }
    }

    @Override
    public void refund(String key) {
        try {
            shared.refund(key);
            recovered(true);
        } catch (StoreUnavailableException e) {
            failed().refund(key);
        }
    }

    @Override
    public boolean isExhausted(String key) {
        try {
            return recovered(shared.isExhausted(key));
        } catch (StoreUnavailableException e) {
            return failed().isExhausted(key);
        }
    }

    @Override
    public long retryAfterSeconds(String key) {
        try {
            return shared.retryAfterSeconds(key);
        } catch (StoreUnavailableException e) {
            return failed().retryAfterSeconds(key);
        }
    }

    private KeyedLimiter failed() {
        if (!failing) {
            failing = true;
            LOG.log(Level.WARNING, "The {0} limit is counted per node while the shared store fails", what);
        }
        return local;
    }

    private boolean recovered(boolean answer) {
        if (failing) {
            failing = false;
            LOG.log(Level.INFO, "The {0} limit is counted in the shared store again", what);
        }
        return answer;
    }
}
