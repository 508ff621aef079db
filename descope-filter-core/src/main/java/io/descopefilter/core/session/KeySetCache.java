package io.descopefilter.core.session;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The project's signing keys, fetched from Descope and kept fresh.
 *
 * <ul>
 *   <li>Hot path (known {@code kid}, usable set): one volatile read, a clock read and a map lookup; no lock, no I/O.</li>
 *   <li>Refresh-ahead: from {@code TTL - refreshAhead} on, a background fetch replaces the set; callers keep using
 *       the current one meanwhile. Past the TTL the set keeps serving while fetches fail, up to the outage
 *       tolerance, and then no key is trusted any more (fail closed).</li>
 *   <li>Single flight with a cooldown: at most one fetch runs at a time, and a new one starts at most once per
 *       cooldown, whether the last one succeeded or failed. Callers that need a key the set lacks (unknown
 *       {@code kid}, cold start) wait for the in-flight fetch, but never longer than {@code keyFetchWait}.</li>
 * </ul>
 */
final class KeySetCache {

    private static final System.Logger LOG = System.getLogger(KeySetCache.class.getName());

    private final KeySetSource source;
    private final SessionValidatorConfig config;
    private final Clock clock;
    private final long cooldownMillis;
    private final long waitMillis;
    private final AtomicReference<CompletableFuture<KeySet>> inFlight = new AtomicReference<>();
    private volatile KeySet current;
    /** Guarded by winning the {@link #inFlight} slot. */
    private volatile long nextFetchAllowedAt = Long.MIN_VALUE;

    KeySetCache(KeySetSource source, SessionValidatorConfig config) {
        this.source = source;
        this.config = config;
        this.clock = config.clock();
        this.cooldownMillis = config.keyFetchCooldown().toMillis();
        this.waitMillis = config.keyFetchWait().toMillis();
    }

    /** The trusted key with this {@code kid}, or {@code null} when there is none (or no usable key set). */
    VerificationKey find(String kid) {
        long now = clock.millis();
        KeySet set = current;
        if (set != null && now < set.usableUntil) {
            if (now >= set.refreshAt) {
                startFetch(now);
                set = current; // the new set, if the fetch already finished
            }
            VerificationKey key = set.get(kid);
            if (key != null) {
                return key;
            }
        }
        awaitFetch(startFetch(now));
        set = current;
        return set != null && clock.millis() < set.usableUntil ? set.get(kid) : null;
    }

    /** Whether a key set is usable right now; tells "unknown kid" from "no keys" in rejection reasons. */
    boolean hasUsableKeys() {
        KeySet set = current;
        return set != null && clock.millis() < set.usableUntil;
    }

    /**
     * Starts a fetch unless one is running (then returns that one) or the cooldown forbids it (then returns
     * {@code null}).
     */
    private CompletableFuture<KeySet> startFetch(long now) {
        CompletableFuture<KeySet> running = inFlight.get();
        if (running != null || now < nextFetchAllowedAt) {
            return running;
        }
        CompletableFuture<KeySet> mine = new CompletableFuture<>();
        if (!inFlight.compareAndSet(null, mine)) {
            return inFlight.get();
        }
        // Another fetch may have finished between our read of the cooldown and winning the slot.
        if (now < nextFetchAllowedAt) {
            inFlight.set(null);
            mine.complete(current);
            return null;
        }
        nextFetchAllowedAt = now + cooldownMillis;
        try {
            config.keyFetchExecutor().execute(() -> fetchInto(mine));
        } catch (RuntimeException e) {
            finish(mine, null, e);
        }
        return mine;
    }

    private void fetchInto(CompletableFuture<KeySet> slot) {
        KeySet fetched = null;
        Throwable failure = null;
        try {
            fetched = KeySet.parse(source.fetchKeySetJson(), current, clock.millis(), config);
            current = fetched;
        } catch (Throwable t) {
            failure = t;
        }
        finish(slot, fetched, failure);
    }

    private void finish(CompletableFuture<KeySet> slot, KeySet fetched, Throwable failure) {
        inFlight.compareAndSet(slot, null);
        if (failure == null) {
            LOG.log(Level.DEBUG, "Fetched the Descope key set: {0} usable keys", fetched.size());
            slot.complete(fetched);
            return;
        }
        KeySet last = current;
        if (last == null) {
            LOG.log(Level.ERROR, "Could not fetch the Descope key set and none is cached: sessions are refused "
                    + "until a fetch succeeds ({0})", describe(failure));
        } else {
            LOG.log(Level.WARNING, "Could not fetch the Descope key set ({0}); the set fetched at {1} serves until {2}, "
                    + "then sessions are refused", describe(failure), Instant.ofEpochMilli(last.fetchedAt),
                    Instant.ofEpochMilli(last.usableUntil));
        }
        slot.completeExceptionally(failure);
    }

    private void awaitFetch(CompletableFuture<KeySet> fetch) {
        if (fetch == null) {
            return;
        }
        try {
            fetch.get(waitMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // Already logged by the fetch; the caller falls back to whatever set is usable.
        }
    }

    /** Exception class and message only: a fetch failure never carries a token, and the body is not logged. */
    private static String describe(Throwable failure) {
        return failure.getClass().getSimpleName() + ": " + failure.getMessage();
    }
}
