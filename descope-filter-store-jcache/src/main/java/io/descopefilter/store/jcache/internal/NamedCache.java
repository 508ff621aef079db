package io.descopefilter.store.jcache.internal;

import javax.cache.Cache;
import javax.cache.CacheException;
import javax.cache.CacheManager;
import javax.cache.configuration.CompleteConfiguration;
import javax.cache.configuration.Factory;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.expiry.ExpiryPolicy;

/**
 * One cache of the grid, found or created on first use rather than when the map or limiter is handed out, so that
 * the filter can start while the grid is away. Always called on a {@link BoundedCalls} thread.
 *
 * <p>After a failure that says the cache is gone the reference is dropped and looked up again on the next call: a
 * grid that restarted empty (a new cluster) may no longer know the cache, and creating it again is what makes the
 * store work once it is back.
 */
final class NamedCache {

    private final CacheManager manager;
    private final String name;
    private final Factory<? extends ExpiryPolicy> expiry;
    private volatile Cache<Object, Object> cache;
    private volatile boolean foundOnce;

    NamedCache(CacheManager manager, String name, Factory<? extends ExpiryPolicy> expiry) {
        this.manager = manager;
        this.name = name;
        this.expiry = expiry;
    }

    String name() {
        return name;
    }

    Cache<Object, Object> get() {
        Cache<Object, Object> current = cache;
        if (current != null) {
            return current;
        }
        synchronized (this) {
            if (cache == null) {
                cache = findOrCreate();
                foundOnce = true;
            }
            return cache;
        }
    }

    /** Whether the cache was found or created before: the first time may take a cluster-wide operation. */
    boolean foundOnce() {
        return foundOnce;
    }

    /**
     * After a failure: forgets the cache if the failure says it is gone (closed, or unknown to a grid that
     * restarted empty), so that the next call looks it up or creates it again.
     */
    void reset(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof IllegalStateException || t.getClass().getSimpleName().equals("CacheNotExistsException")) {
                cache = null;
                return;
            }
        }
    }

    private Cache<Object, Object> findOrCreate() {
        Cache<Object, Object> found = manager.getCache(name);
        if (found != null) {
            return checked(found);
        }
        MutableConfiguration<Object, Object> configuration = new MutableConfiguration<>()
                .setExpiryPolicyFactory(expiry)
                .setStoreByValue(true)
                .setStatisticsEnabled(false)
                .setManagementEnabled(false);
        try {
            return manager.createCache(name, configuration);
        } catch (CacheException e) {
            // Another node created it first.
            found = manager.getCache(name);
            if (found == null) {
                throw e;
            }
            return checked(found);
        }
    }

    /**
     * Refuses a cache whose entries never expire: one declared in the grid's own configuration (a {@code <cache>}
     * matching the prefix) rather than created here. Pending sign-ins must not outlive their lifetime, so the store
     * fails closed and says which cache to remove from the configuration.
     */
    @SuppressWarnings("unchecked")
    private Cache<Object, Object> checked(Cache<Object, Object> found) {
        CompleteConfiguration<Object, Object> configuration = found.getConfiguration(CompleteConfiguration.class);
        Factory<ExpiryPolicy> factory = configuration.getExpiryPolicyFactory();
        javax.cache.expiry.Duration created = factory == null ? null : factory.create().getExpiryForCreation();
        if (created == null || created.isEternal()) {
            throw new IllegalStateException("cache " + name + " exists without an expiry policy: remove its declaration"
                    + " from the grid's configuration, the store creates its caches itself");
        }
        return found;
    }
}
