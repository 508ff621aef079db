package io.descopefilter.store.redis.internal;

import io.descopefilter.core.store.SharedLimiter;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.distributed.BucketProxy;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A Bucket4j token bucket per key in Redis under {@code <prefix><limiter>:<key>}: {@code limit} tokens refilled in
 * full each window, updated by compare-and-swap so that every node counts against the same bucket. Its key expires
 * once the bucket would be full again.
 *
 * <p>A bucket keeps the configuration it was created with until its key expires, so a changed limit or window
 * takes effect on every node at most one window after the change.
 */
final class RedisLimiter implements SharedLimiter {

    /** The key counted for callers whose own key cannot be determined: they share one bucket (fail closed). */
    private static final String UNKNOWN_KEY = "(unknown)";

    private final RedisStore store;
    private final String keyPrefix;
    private final BucketConfiguration configuration;

    RedisLimiter(RedisStore store, String keyPrefix, long limit, Duration window) {
        this.store = store;
        this.keyPrefix = keyPrefix;
        this.configuration = BucketConfiguration.builder()
                .addLimit(bandwidth -> bandwidth.capacity(limit).refillIntervally(limit, window))
                .build();
    }

    @Override
    public boolean tryAcquire(String key) {
        return store.call("tryAcquire", () -> bucket(key).tryConsume(1));
    }

    @Override
    public void refund(String key) {
        // addTokens never fills a bucket beyond its capacity, so a refund without an acquire is harmless.
        store.call("refund", () -> {
            bucket(key).addTokens(1);
            return null;
        });
    }

    @Override
    public boolean isExhausted(String key) {
        return store.call("isExhausted", () -> bucket(key).getAvailableTokens() <= 0);
    }

    @Override
    public long retryAfterSeconds(String key) {
        long nanos = store.call("retryAfter", () -> bucket(key).estimateAbilityToConsume(1).getNanosToWaitForRefill());
        return Math.max(1, (TimeUnit.NANOSECONDS.toMillis(nanos) + 999) / 1000);
    }

    private BucketProxy bucket(String key) {
        String k = key == null || key.isEmpty() ? UNKNOWN_KEY : key;
        return store.buckets().builder().build(keyPrefix + k, () -> configuration);
    }
}
