package io.descopefilter.core.internal.jwt;

import io.descopefilter.core.DescopeEvent;
import io.descopefilter.core.KeySetSource;
import io.descopefilter.core.SessionValidatorConfig;
import io.descopefilter.core.internal.events.EventDispatcher;
import io.descopefilter.core.internal.events.JfrKeySetFetch;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
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
 *
 * <p>Fetches run on {@link SessionValidatorConfig#keyFetchExecutor()} when one is configured, else on a daemon
 * thread of this cache ({@value #FETCH_THREAD_NAME}) that ends a few seconds after each fetch (fetches are minutes
 * apart) and is stopped at once by {@link #close()}. After {@code close()} the cache serves the keys it holds but never fetches again.
 */
public final class KeySetCache implements AutoCloseable {

    /** Name of the thread a cache without a configured executor fetches on. */
    public static final String FETCH_THREAD_NAME = "descope-key-fetch";

    private static final System.Logger LOG = System.getLogger(KeySetCache.class.getName());
    private static final long IDLE_THREAD_SECONDS = 3;

    private final KeySetSource source;
    private final SessionValidatorConfig config;
    private final Clock clock;
    private final long cooldownMillis;
    private final long waitMillis;
    private final Executor executor;
    /** The executor this cache made and must stop; {@code null} when the configuration supplied one. */
    private final ExecutorService ownExecutor;
    private volatile boolean closed;
    private final AtomicReference<CompletableFuture<KeySet>> inFlight = new AtomicReference<>();
    private volatile KeySet current;
    /** Guarded by winning the {@link #inFlight} slot. */
    private volatile long nextFetchAllowedAt = Long.MIN_VALUE;
    private final EventDispatcher events;

    public KeySetCache(KeySetSource source, SessionValidatorConfig config) {
        this(source, config, new EventDispatcher());
    }

    /** A cache that reports fetches, failures and rotations to {@code events}. */
    public KeySetCache(KeySetSource source, SessionValidatorConfig config, EventDispatcher events) {
        this.events = events;
        this.source = source;
        this.config = config;
        this.clock = config.clock();
        this.cooldownMillis = config.keyFetchCooldown().toMillis();
        this.waitMillis = config.keyFetchWait().toMillis();
        this.ownExecutor = config.keyFetchExecutor() == null ? newFetchThread() : null;
        this.executor = ownExecutor != null ? ownExecutor : config.keyFetchExecutor();
    }

    /** Stops this cache's own fetch thread, if it has one, and any later fetch. Idempotent. */
    @Override
    public void close() {
        closed = true;
        if (ownExecutor != null) {
            ownExecutor.shutdownNow();
        }
    }

    /** At most one thread, as fetches are single flight; it ends when idle, so a forgotten cache holds none. */
    private static ExecutorService newFetchThread() {
        ThreadPoolExecutor pool = new ThreadPoolExecutor(1, 1, IDLE_THREAD_SECONDS, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), runnable -> {
                    Thread thread = new Thread(runnable, FETCH_THREAD_NAME);
                    thread.setDaemon(true);
                    return thread;
                });
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    /** The trusted key with this {@code kid}, or {@code null} when there is none (or no usable key set). */
    public VerificationKey find(String kid) {
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
    public boolean hasUsableKeys() {
        KeySet set = current;
        return set != null && clock.millis() < set.usableUntil;
    }

    /**
     * Starts a fetch unless one is running (then returns that one) or the cooldown forbids it (then returns
     * {@code null}).
     */
    private CompletableFuture<KeySet> startFetch(long now) {
        CompletableFuture<KeySet> running = inFlight.get();
        if (closed) {
            return null;
        }
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
            executor.execute(() -> fetchInto(mine));
        } catch (RuntimeException e) {
            finish(mine, null, e);
        }
        return mine;
    }

    private void fetchInto(CompletableFuture<KeySet> slot) {
        KeySet fetched = null;
        KeySet previous = current;
        Throwable failure = null;
        JfrKeySetFetch recording = new JfrKeySetFetch();
        recording.begin();
        long start = System.nanoTime();
        try {
            fetched = KeySet.parse(source.fetchKeySetJson(), previous, clock.millis(), config);
            current = fetched;
        } catch (Throwable t) {
            failure = t;
        }
        recording.end();
        if (recording.shouldCommit()) {
            recording.succeeded = fetched != null;
            recording.keys = fetched == null ? 0 : fetched.size();
            recording.commit();
        }
        if (events.isActive() && !(failure != null && closed)) {
            report(previous, fetched, failure, java.time.Duration.ofNanos(System.nanoTime() - start));
        }
        finish(slot, fetched, failure);
    }

    private void report(KeySet previous, KeySet fetched, Throwable failure, java.time.Duration latency) {
        Instant now = EventDispatcher.now();
        if (fetched == null) {
            events.onEvent(new DescopeEvent.KeysFetchFailed(now, failure.getClass().getSimpleName(),
                    hasUsableKeys(), latency));
            return;
        }
        events.onEvent(new DescopeEvent.KeysFetched(now, fetched.size(), latency));
        if (previous != null && !previous.kids().equals(fetched.kids())) {
            int added = (int) fetched.kids().stream().filter(kid -> !previous.kids().contains(kid)).count();
            int removed = (int) previous.kids().stream().filter(kid -> !fetched.kids().contains(kid)).count();
            events.onEvent(new DescopeEvent.KeysRotated(now, added, removed));
        }
    }

    /**
     * Whether a usable key set is held; when none is, starts a fetch (single flight, within the cooldown) and waits
     * for it at most {@code keyFetchWait}. For readiness checks: never longer than that, never a second fetch.
     */
    public boolean ensureUsableKeys() {
        if (hasUsableKeys()) {
            return true;
        }
        awaitFetch(startFetch(clock.millis()));
        return hasUsableKeys();
    }

    private void finish(CompletableFuture<KeySet> slot, KeySet fetched, Throwable failure) {
        inFlight.compareAndSet(slot, null);
        if (failure != null && closed) {
            slot.completeExceptionally(failure); // a fetch cut short by close(): nothing to report
            return;
        }
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
