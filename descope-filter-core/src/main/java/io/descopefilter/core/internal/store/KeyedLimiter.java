package io.descopefilter.core.internal.store;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.descopefilter.core.store.SharedLimiter;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.TimeMeter;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * {@code limit} events per key per {@code window}: one Bucket4j token bucket per key (refilled in full each window),
 * held in a Caffeine table of at most {@code capacity} keys. Every operation is O(1) and lock-free on the bucket.
 *
 * <p>A flood of new keys never makes the table refuse to count (RL-10): when it is full, Caffeine evicts the keys
 * least likely to be seen again (its admission policy favours keys that keep coming, so a busy attacker's own key
 * stays counted), and a key that cannot be read ({@code null}) is counted under one shared key, which fails closed.
 * A key left alone for a whole window expires: its bucket would be full again anyway.
 *
 * <p>This is the memory store's limiter ({@link MemoryStore#limiter}).
 *
 * <p>{@link #tryAcquire} takes a token before the work it limits; {@link #refund} gives it back when the work turned
 * out not to count (reserve, then refund), so that concurrent requests cannot all pass a check before earlier
 * failures are recorded.
 */
public final class KeyedLimiter implements SharedLimiter {

    /** The key counted for requests whose own key cannot be determined. */
    public static final String UNKNOWN_KEY = "(unknown)";

    private final long limit;
    private final Duration window;
    private final TimeMeter meter;
    private final Cache<String, Bucket> buckets;
    /**
     * Keys that used up their limit, until the window ends. Only a key that hit its limit gets here, which costs its
     * owner {@code limit} events, so a flood of fresh keys cannot evict a busy key's verdict from this table.
     */
    private final Cache<String, Boolean> exhausted;

    public KeyedLimiter(int limit, Duration window, int capacity, Clock clock) {
        if (limit < 1 || capacity < 1 || window.isZero() || window.isNegative()) {
            throw new IllegalArgumentException("limit and capacity must be at least 1 and window positive");
        }
        this.limit = limit;
        this.window = window;
        this.meter = new TimeMeter() {
            @Override
            public long currentTimeNanos() {
                return TimeUnit.MILLISECONDS.toNanos(clock.millis());
            }

            @Override
            public boolean isWallClockBased() {
                return true;
            }
        };
        this.buckets = Caffeine.newBuilder()
                .maximumSize(capacity)
                .expireAfterAccess(window)
                .ticker(meter::currentTimeNanos)
                // Eviction work runs on the calling thread, amortised O(1), so no pool thread is needed.
                .executor(Runnable::run)
                .build();
        this.exhausted = Caffeine.newBuilder()
                .maximumSize(capacity)
                .expireAfterWrite(window)
                .ticker(meter::currentTimeNanos)
                .executor(Runnable::run)
                .build();
    }

    /** Takes one token for {@code key}; {@code false} (nothing taken) when its limit is reached. */
    @Override
    public boolean tryAcquire(String key) {
        String k = normalise(key);
        if (exhausted.getIfPresent(k) != null) {
            return false;
        }
        io.github.bucket4j.ConsumptionProbe probe = bucket(k).tryConsumeAndReturnRemaining(1);
        if (!probe.isConsumed() || probe.getRemainingTokens() == 0) {
            exhausted.put(k, Boolean.TRUE);
        }
        return probe.isConsumed();
    }

    /** Gives back a token taken by {@link #tryAcquire} for work that turned out not to count. */
    @Override
    public void refund(String key) {
        exhausted.invalidate(normalise(key));
        Bucket bucket = buckets.getIfPresent(normalise(key));
        if (bucket != null && bucket.getAvailableTokens() < limit) {
            bucket.addTokens(1);
        }
    }

    /** Whether {@code key} has no token left, without taking one. */
    @Override
    public boolean isExhausted(String key) {
        if (exhausted.getIfPresent(normalise(key)) != null) {
            return true;
        }
        Bucket bucket = buckets.getIfPresent(normalise(key));
        return bucket != null && bucket.getAvailableTokens() <= 0;
    }

    /** Seconds until {@code key} may act again (at least 1): a fair {@code Retry-After}. */
    @Override
    public long retryAfterSeconds(String key) {
        Bucket bucket = buckets.getIfPresent(normalise(key));
        long nanos = bucket == null ? window.toNanos() / 2 : bucket.estimateAbilityToConsume(1).getNanosToWaitForRefill();
        return Math.max(1, (TimeUnit.NANOSECONDS.toMillis(nanos) + 999) / 1000);
    }

    /** Keys held now; for tests of the bound. */
    public long size() {
        buckets.cleanUp();
        return buckets.estimatedSize();
    }

    private Bucket bucket(String key) {
        return buckets.get(normalise(key), k -> Bucket.builder()
                .addLimit(bandwidth -> bandwidth.capacity(limit).refillIntervally(limit, window))
                .withCustomTimePrecision(meter)
                .build());
    }

    private static String normalise(String key) {
        return key == null || key.isEmpty() ? UNKNOWN_KEY : key;
    }
}
