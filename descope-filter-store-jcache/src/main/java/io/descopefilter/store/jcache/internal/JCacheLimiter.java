package io.descopefilter.store.jcache.internal;

import io.descopefilter.core.store.SharedLimiter;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.distributed.BucketProxy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.grid.jcache.Bucket4jJCache;

import javax.cache.Cache;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A Bucket4j token bucket per key in one cache: {@code limit} tokens refilled in full each window, each update an
 * entry processor run atomically where the grid keeps the entry, so every node counts against the same bucket. The
 * cache expires a bucket one window after it was created, when it would be full again.
 *
 * <p>The entry processor runs on the grid's members: a separate Hazelcast cluster needs Bucket4j's jars on its
 * members' class path (README.md says so). A bucket keeps the configuration it was created with until it expires,
 * so a changed limit or window takes effect at most one window later.
 */
final class JCacheLimiter implements SharedLimiter {

    /** The key counted for callers whose own key cannot be determined: they share one bucket (fail closed). */
    private static final String UNKNOWN_KEY = "(unknown)";

    private final JCacheStore store;
    private final NamedCache cache;
    private final BucketConfiguration configuration;
    private volatile Buckets buckets;

    JCacheLimiter(JCacheStore store, NamedCache cache, long limit, Duration window) {
        this.store = store;
        this.cache = cache;
        this.configuration = BucketConfiguration.builder()
                .addLimit(bandwidth -> bandwidth.capacity(limit).refillIntervally(limit, window))
                .build();
    }

    @Override
    public boolean tryAcquire(String key) {
        return store.call("tryAcquire", cache, c -> bucket(c, key).tryConsume(1));
    }

    @Override
    public void refund(String key) {
        // addTokens never fills a bucket beyond its capacity, so a refund without an acquire is harmless.
        store.call("refund", cache, c -> {
            bucket(c, key).addTokens(1);
            return null;
        });
    }

    @Override
    public boolean isExhausted(String key) {
        return store.call("isExhausted", cache, c -> bucket(c, key).getAvailableTokens() <= 0);
    }

    @Override
    public long retryAfterSeconds(String key) {
        long nanos = store.call("retryAfter", cache, c -> bucket(c, key).estimateAbilityToConsume(1).getNanosToWaitForRefill());
        return Math.max(1, (TimeUnit.NANOSECONDS.toMillis(nanos) + 999) / 1000);
    }

    /** The proxy manager of the cache in use (a new one when the cache was looked up again). */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private BucketProxy bucket(Cache<Object, Object> c, String key) {
        Buckets current = buckets;
        if (current == null || current.cache != c) {
            current = new Buckets(c, Bucket4jJCache.entryProcessorBasedBuilder((Cache<String, byte[]>) (Cache) c).build());
            buckets = current;
        }
        String k = key == null || key.isEmpty() ? UNKNOWN_KEY : key;
        return current.proxies.builder().build(k, () -> configuration);
    }

    /** A proxy manager and the cache it works on. */
    private static final class Buckets {
        final Cache<Object, Object> cache;
        final ProxyManager<String> proxies;

        Buckets(Cache<Object, Object> cache, ProxyManager<String> proxies) {
            this.cache = cache;
            this.proxies = proxies;
        }
    }
}
