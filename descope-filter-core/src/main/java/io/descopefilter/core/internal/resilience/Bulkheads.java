package io.descopefilter.core.internal.resilience;

import io.descopefilter.core.CallKind;
import io.descopefilter.core.CallProtection;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.Semaphore;

/**
 * A cap on calls in flight per {@link CallKind}. Acquiring never waits: a full bulkhead refuses at once, so caller
 * threads do not queue behind a slow Descope.
 */
public final class Bulkheads {

    private final Map<CallKind, Semaphore> permits = new EnumMap<>(CallKind.class);

    public Bulkheads(CallProtection protection) {
        for (CallKind kind : CallKind.values()) {
            int max = protection.maxConcurrent(kind);
            if (max != Integer.MAX_VALUE) {
                permits.put(kind, new Semaphore(max));
            }
        }
    }

    /** Takes a permit for {@code kind}; {@code false} when its cap is reached. Uncapped kinds always pass. */
    public boolean tryAcquire(CallKind kind) {
        Semaphore semaphore = permits.get(kind);
        return semaphore == null || semaphore.tryAcquire();
    }

    public void release(CallKind kind) {
        Semaphore semaphore = permits.get(kind);
        if (semaphore != null) {
            semaphore.release();
        }
    }

    /** Calls of {@code kind} in flight, or -1 when the kind is not capped; for tests and diagnostics. */
    public int inFlight(CallKind kind, int cap) {
        Semaphore semaphore = permits.get(kind);
        return semaphore == null ? -1 : cap - semaphore.availablePermits();
    }
}
