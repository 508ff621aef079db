package io.descopefilter.core.internal.store;

import io.descopefilter.core.store.SharedLimiter;
import io.descopefilter.core.store.SharedMap;
import io.descopefilter.core.store.SharedStore;
import io.descopefilter.core.store.StoreUnavailableException;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Stands in front of a store that can fail (Redis, a data grid), so that its failure is handled like Descope's:
 * every failure reaches the filter as a {@link StoreUnavailableException}; after {@code failuresToOpen} failures
 * in a row the store is skipped for {@code openFor} (calls fail at once instead of each waiting for the store's own
 * timeout), then one call probes it and its success brings it back. A dead store thus costs one request the
 * store's own timeout per {@code openFor}, not every request. Each change of state is logged once, naming the store
 * by its {@link SharedStore#describe()} and the failure by its type, never by its message (which may hold a URI
 * with a password).
 *
 * <p>Limiter keys (normalised login IDs, client addresses) reach the store only as hashes, so the store holds no
 * address book; an unreadable ({@code null} or empty) key is counted under one shared key, as in memory.
 */
public final class GuardedStore implements SharedStore {

    private static final System.Logger LOG = System.getLogger(GuardedStore.class.getName());

    /** Failures in a row that make the store skipped. */
    public static final int DEFAULT_FAILURES_TO_OPEN = 3;
    /** How long a failing store is skipped before a call probes it again. */
    public static final Duration DEFAULT_OPEN_FOR = Duration.ofSeconds(5);

    private final SharedStore store;
    private final int failuresToOpen;
    private final long openForNanos;
    private final LongSupplier nanoTime;
    private final AtomicInteger failuresInARow = new AtomicInteger();
    /** {@link System#nanoTime()} until which the store is skipped; meaningful while {@link #open}. */
    private volatile long skipUntilNanos;
    private final AtomicBoolean open = new AtomicBoolean();
    private final AtomicBoolean probing = new AtomicBoolean();

    public GuardedStore(SharedStore store) {
        this(store, DEFAULT_FAILURES_TO_OPEN, DEFAULT_OPEN_FOR, System::nanoTime);
    }

    public GuardedStore(SharedStore store, int failuresToOpen, Duration openFor, LongSupplier nanoTime) {
        if (failuresToOpen < 1) {
            throw new IllegalArgumentException("failuresToOpen must be at least 1");
        }
        this.store = Objects.requireNonNull(store, "store");
        this.failuresToOpen = failuresToOpen;
        this.openForNanos = openFor.toNanos();
        this.nanoTime = nanoTime;
    }

    @Override
    public SharedMap map(String name, Duration timeToLive) {
        Lazy<SharedMap> map = new Lazy<>(() -> store.map(name, timeToLive));
        return new SharedMap() {
            @Override
            public boolean putIfAbsent(String key, byte[] value) {
                return call(() -> map.get().putIfAbsent(key, value));
            }

            @Override
            public void put(String key, byte[] value) {
                run(() -> map.get().put(key, value));
            }

            @Override
            public Optional<byte[]> get(String key) {
                return call(() -> Objects.requireNonNull(map.get().get(key), "store answered null"));
            }

            @Override
            public Optional<byte[]> take(String key) {
                return call(() -> Objects.requireNonNull(map.get().take(key), "store answered null"));
            }

            @Override
            public void remove(String key) {
                run(() -> map.get().remove(key));
            }
        };
    }

    @Override
    public SharedLimiter limiter(String name, long limit, Duration window) {
        Lazy<SharedLimiter> limiter = new Lazy<>(() -> store.limiter(name, limit, window));
        String label = "limit:" + name;
        return new SharedLimiter() {
            @Override
            public boolean tryAcquire(String key) {
                return call(() -> limiter.get().tryAcquire(hashed(label, key)));
            }

            @Override
            public void refund(String key) {
                run(() -> limiter.get().refund(hashed(label, key)));
            }

            @Override
            public boolean isExhausted(String key) {
                return call(() -> limiter.get().isExhausted(hashed(label, key)));
            }

            @Override
            public long retryAfterSeconds(String key) {
                return call(() -> limiter.get().retryAfterSeconds(hashed(label, key)));
            }
        };
    }

    private static String hashed(String label, String key) {
        return Sealed.keyOf(label, key == null || key.isEmpty() ? KeyedLimiter.UNKNOWN_KEY : key);
    }

    @Override
    public void ping() {
        run(store::ping);
    }

    @Override
    public String describe() {
        return store.describe();
    }

    /** Whether the store is being skipped now; for tests and health answers. */
    public boolean isSkipped() {
        return open.get();
    }

    @Override
    public void close() {
        store.close();
    }

    private void run(Runnable operation) {
        call(() -> {
            operation.run();
            return Boolean.TRUE;
        });
    }

    private <T> T call(Supplier<T> operation) {
        boolean probe = false;
        if (open.get()) {
            if (nanoTime.getAsLong() - skipUntilNanos < 0 || !probing.compareAndSet(false, true)) {
                throw new StoreUnavailableException("the shared store is skipped after failing");
            }
            probe = true;
        }
        try {
            T result = operation.get();
            onSuccess();
            return result;
        } catch (StoreUnavailableException e) {
            onFailure(e);
            throw e;
        } catch (RuntimeException e) {
            onFailure(e);
            throw new StoreUnavailableException("the shared store failed: " + e.getClass().getName(), e);
        } finally {
            if (probe) {
                probing.set(false);
            }
        }
    }

    private void onSuccess() {
        failuresInARow.set(0);
        if (open.compareAndSet(true, false)) {
            LOG.log(Level.INFO, "Shared store {0} answers again: limits, refresh coordination and enchanted "
                    + "links use it again", store.describe());
        }
    }

    private void onFailure(RuntimeException e) {
        int failures = failuresInARow.incrementAndGet();
        if (open.get()) {
            // A failed probe: skip the store for another while, silently (the state did not change).
            skipUntilNanos = nanoTime.getAsLong() + openForNanos;
            return;
        }
        if (failures >= failuresToOpen) {
            skipUntilNanos = nanoTime.getAsLong() + openForNanos;
            if (open.compareAndSet(false, true)) {
                Throwable cause = e instanceof StoreUnavailableException && e.getCause() != null ? e.getCause() : e;
                LOG.log(Level.WARNING, "Shared store {0} unavailable ({1} failures in a row, last {2}); skipped for "
                        + "{3} ms at a time until it answers: sends and link verifications are refused, refreshes "
                        + "fall back to this node, signed-in users are not affected", store.describe(), failures,
                        cause.getClass().getName(), TimeUnit.NANOSECONDS.toMillis(openForNanos));
            }
        }
    }

    /** The store's map or limiter, asked for on first use: a store that is down at start-up is asked again later. */
    private static final class Lazy<T> {
        private final Supplier<T> create;
        private volatile T value;

        Lazy(Supplier<T> create) {
            this.create = create;
        }

        T get() {
            T current = value;
            if (current == null) {
                current = Objects.requireNonNull(create.get(), "store answered null");
                value = current;
            }
            return current;
        }
    }
}
