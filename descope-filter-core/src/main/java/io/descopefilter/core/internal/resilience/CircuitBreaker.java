package io.descopefilter.core.internal.resilience;

import io.descopefilter.core.DescopeEvent;
import io.descopefilter.core.internal.events.EventDispatcher;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;

/**
 * One breaker for all calls to Descope. Closed: calls pass, failures in a row are counted. Open: calls are refused
 * until the wait is over (Descope's {@code Retry-After}, else the configured wait). Half-open: exactly one call (the
 * probe) passes; its success closes the breaker, its failure opens it again. Lock-free: one volatile read when
 * closed. Each change of state is logged once.
 */
public final class CircuitBreaker {

    private static final System.Logger LOG = System.getLogger(CircuitBreaker.class.getName());

    public enum State { CLOSED, OPEN, HALF_OPEN }

    /** The state and, when open, the {@link System#nanoTime()} at which a probe may go. */
    private record Snapshot(State state, long openUntilNanos) {
    }

    private static final Snapshot CLOSED = new Snapshot(State.CLOSED, 0);

    private final int failuresToOpen;
    private final long defaultWaitNanos;
    private final long maxWaitNanos;
    private final LongSupplier nanoTime;
    private final AtomicReference<Snapshot> state = new AtomicReference<>(CLOSED);
    private final AtomicInteger failuresInARow = new AtomicInteger();
    /** Told the wait (millis) each time the breaker opens; must not block. */
    private volatile java.util.function.LongConsumer onOpen = wait -> { };
    private final EventDispatcher events;

    public CircuitBreaker(int failuresToOpen, Duration defaultWait, Duration maxWait) {
        this(failuresToOpen, defaultWait, maxWait, System::nanoTime);
    }

    public CircuitBreaker(int failuresToOpen, Duration defaultWait, Duration maxWait, LongSupplier nanoTime) {
        this(failuresToOpen, defaultWait, maxWait, nanoTime, new EventDispatcher());
    }

    /** A breaker that reports opening and closing to {@code events}. */
    public CircuitBreaker(int failuresToOpen, Duration defaultWait, Duration maxWait, LongSupplier nanoTime,
                          EventDispatcher events) {
        this.events = events;
        if (failuresToOpen < 1) {
            throw new IllegalArgumentException("failuresToOpen must be at least 1");
        }
        this.failuresToOpen = failuresToOpen;
        this.defaultWaitNanos = defaultWait.toNanos();
        this.maxWaitNanos = maxWait.toNanos();
        this.nanoTime = nanoTime;
    }

    /** Tells {@code listener} the wait in millis each time the breaker opens (it shares the verdict); must not block. */
    public void onOpen(java.util.function.LongConsumer listener) {
        this.onOpen = listener;
    }

    /** What {@link #tryPass()} decided. */
    public enum Pass { ALLOWED, PROBE, REFUSED }

    /** Whether a call may go now; a {@link Pass#PROBE} must be followed by {@link #onSuccess} or {@link #onFailure}. */
    public Pass tryPass() {
        Snapshot current = state.get();
        if (current.state == State.CLOSED) {
            return Pass.ALLOWED;
        }
        if (current.state == State.OPEN && nanoTime.getAsLong() - current.openUntilNanos >= 0
                && state.compareAndSet(current, new Snapshot(State.HALF_OPEN, current.openUntilNanos))) {
            LOG.log(Level.INFO, "Descope circuit half-open: one call probes whether Descope is back");
            return Pass.PROBE;
        }
        return Pass.REFUSED;
    }

    /** Seconds until a probe may go (at least 1), for a {@code Retry-After} of refused calls. */
    public long secondsUntilProbe() {
        Snapshot current = state.get();
        long remaining = current.openUntilNanos - nanoTime.getAsLong();
        return Math.max(1, (TimeUnit.NANOSECONDS.toMillis(Math.max(0, remaining)) + 999) / 1000);
    }

    public State state() {
        return state.get().state;
    }

    /** Descope answered usefully (any 2xx, or a 4xx verdict). */
    public void onSuccess() {
        failuresInARow.set(0);
        Snapshot current = state.get();
        if (current.state != State.CLOSED && state.compareAndSet(current, CLOSED)) {
            LOG.log(Level.INFO, "Descope circuit closed: Descope answers again");
            if (events.isActive()) {
                events.onEvent(new DescopeEvent.BreakerClosed(EventDispatcher.now()));
            }
        }
    }

    /**
     * Descope failed: 5xx, transport failure, timeout, unusable answer, or a rate limit.
     *
     * @param retryAfterSeconds Descope's {@code Retry-After}, or a negative number when none was given
     * @param rateLimited a 429. It counts like any failure and never opens the breaker alone: Descope also answers
     *                    429 for one login ID that asked too often, and one user's limit must not stop everyone's
     *                    sign-in. When the breaker does open, a {@code Retry-After} decides for how long.
     * @param probe whether this was the probe call
     */
    public void onFailure(long retryAfterSeconds, boolean rateLimited, boolean probe, String reason) {
        int failures = failuresInARow.incrementAndGet();
        Snapshot current = state.get();
        boolean shouldOpen = probe || failures >= failuresToOpen;
        if (!shouldOpen || current.state == State.OPEN || (current.state == State.HALF_OPEN && !probe)) {
            return;
        }
        long wait = retryAfterSeconds >= 0 ? Math.min(TimeUnit.SECONDS.toNanos(Math.max(1, retryAfterSeconds)),
                maxWaitNanos) : defaultWaitNanos;
        Snapshot open = new Snapshot(State.OPEN, nanoTime.getAsLong() + wait);
        if (state.compareAndSet(current, open)) {
            LOG.log(Level.WARNING, "Descope circuit open for {0} ms after {1}{2}; calls fail at once until a probe "
                    + "succeeds", TimeUnit.NANOSECONDS.toMillis(wait), reason,
                    probe ? " (probe)" : rateLimited ? " (rate limited)" : " (" + failures + " failures in a row)");
            onOpen.accept(TimeUnit.NANOSECONDS.toMillis(wait));
            if (events.isActive()) {
                events.onEvent(new DescopeEvent.BreakerOpened(EventDispatcher.now(), Duration.ofNanos(wait)));
            }
        }
    }

    /** The probe ended without a verdict on Descope (e.g. the client was closed): let another call probe. */
    public void onAbandonedProbe() {
        Snapshot current = state.get();
        if (current.state == State.HALF_OPEN) {
            state.compareAndSet(current, new Snapshot(State.OPEN, nanoTime.getAsLong()));
        }
    }
}
