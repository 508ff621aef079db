package io.descopefilter.core.internal.store;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.descopefilter.core.store.SharedLimiter;
import io.descopefilter.core.store.SharedMap;
import io.descopefilter.core.store.SharedStore;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The store of a single node, and the default: bounded Caffeine tables in this JVM. Each map expires its entries
 * {@code timeToLive} after they were written; each limiter is a {@link KeyedLimiter}. Nothing here can fail or wait,
 * so no guard is put in front of it. Two filters in one JVM handed the same instance share their state, like two
 * nodes on a shared store.
 */
public final class MemoryStore implements SharedStore {

    /** Most entries per map and keys per limiter (RL-10: bounded, whatever floods). */
    public static final int DEFAULT_CAPACITY = 100_000;

    private final Clock clock;
    private final int capacity;
    private final ConcurrentHashMap<String, MemoryMap> maps = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, KeyedLimiter> limiters = new ConcurrentHashMap<>();

    public MemoryStore(Clock clock) {
        this(clock, DEFAULT_CAPACITY);
    }

    public MemoryStore(Clock clock, int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1");
        }
        this.clock = Objects.requireNonNull(clock, "clock");
        this.capacity = capacity;
    }

    @Override
    public SharedMap map(String name, Duration timeToLive) {
        if (timeToLive.isZero() || timeToLive.isNegative()) {
            throw new IllegalArgumentException("timeToLive must be positive");
        }
        return maps.computeIfAbsent(name + "/" + timeToLive.toMillis(), k -> new MemoryMap(timeToLive));
    }

    @Override
    public SharedLimiter limiter(String name, long limit, Duration window) {
        if (limit < 1 || limit > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("limit must be between 1 and " + Integer.MAX_VALUE);
        }
        return limiters.computeIfAbsent(name + "/" + limit + "/" + window.toMillis(),
                k -> new KeyedLimiter((int) limit, window, capacity, clock));
    }

    @Override
    public void ping() {
        // Always there.
    }

    @Override
    public String describe() {
        return "memory (this node only)";
    }

    @Override
    public void close() {
        maps.clear();
        limiters.clear();
    }

    /** One map: a bounded table whose entries expire a fixed time after they were written. */
    private final class MemoryMap implements SharedMap {

        private final Cache<String, byte[]> entries;

        MemoryMap(Duration timeToLive) {
            this.entries = Caffeine.newBuilder()
                    .maximumSize(capacity)
                    .expireAfterWrite(timeToLive.toNanos(), TimeUnit.NANOSECONDS)
                    .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
                    // Eviction work runs on the calling thread, amortised O(1), so no pool thread is needed.
                    .executor(Runnable::run)
                    .build();
        }

        @Override
        public boolean putIfAbsent(String key, byte[] value) {
            // Caffeine's map view never returns an expired entry, so a dead entry does not block a new one.
            return entries.asMap().putIfAbsent(Objects.requireNonNull(key, "key"), value.clone()) == null;
        }

        @Override
        public void put(String key, byte[] value) {
            entries.put(Objects.requireNonNull(key, "key"), value.clone());
        }

        @Override
        public Optional<byte[]> get(String key) {
            return Optional.ofNullable(entries.getIfPresent(key)).map(byte[]::clone);
        }

        @Override
        public Optional<byte[]> take(String key) {
            return Optional.ofNullable(entries.asMap().remove(key));
        }

        @Override
        public void remove(String key) {
            entries.invalidate(key);
        }
    }
}
