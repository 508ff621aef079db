package io.descopefilter.store.jcache.internal;

import io.descopefilter.core.store.SharedLimiter;
import io.descopefilter.core.store.SharedMap;
import io.descopefilter.core.store.SharedStore;
import io.descopefilter.core.store.StoreUnavailableException;

import javax.cache.CacheManager;
import javax.cache.Caching;
import javax.cache.expiry.CreatedExpiryPolicy;
import javax.cache.expiry.ModifiedExpiryPolicy;
import javax.cache.spi.CachingProvider;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * The filter's shared state in the caches of one JCache {@link CacheManager}: one cache per map (entries expire their
 * map's lifetime after they were last written) and one per limiter (Bucket4j buckets, expiring a window after they
 * were created, when they would be full again). Every operation waits at most {@code jcacheTimeout}.
 *
 * <p>The store closes the cache manager only when it opened it from {@code jcacheUri}; without one it uses the
 * provider's default manager, which belongs to the server or application (Payara's, for example).
 */
public final class JCacheStore implements SharedStore {

    private static final System.Logger LOG = System.getLogger(JCacheStore.class.getName());
    /** Hazelcast's property naming the configuration of a cache manager (HazelcastCachingProvider's constant). */
    private static final String HAZELCAST_CONFIG_LOCATION = "hazelcast.config.location";
    /** Creating a cache is a cluster-wide operation and happens once per name: it may take longer than a get. */
    private static final Duration MIN_SETUP_TIMEOUT = Duration.ofSeconds(5);

    private final JCacheSettings settings;
    private final CachingProvider provider;
    private final CacheManager manager;
    private final boolean ownsManager;
    private final String description;
    private final BoundedCalls calls;
    private final NamedCache pingCache;

    private JCacheStore(JCacheSettings settings, CachingProvider provider, CacheManager manager, boolean ownsManager,
            String description, BoundedCalls calls) {
        this.settings = settings;
        this.provider = provider;
        this.manager = manager;
        this.ownsManager = ownsManager;
        this.description = description;
        this.calls = calls;
        this.pingCache = new NamedCache(manager, settings.cachePrefix() + "ping",
                CreatedExpiryPolicy.factoryOf(new javax.cache.expiry.Duration(TimeUnit.SECONDS, 1)));
    }

    /**
     * Finds the provider and opens its cache manager (which, for an embedded grid member, joins the cluster).
     *
     * @throws IllegalArgumentException the configured provider is not on the class path
     * @throws StoreUnavailableException the cache manager could not be opened in time
     */
    public static JCacheStore open(JCacheSettings settings) {
        ClassLoader loader = JCacheStore.class.getClassLoader();
        CachingProvider provider = provider(settings, loader);
        boolean owned = settings.uri() != null;
        String description = "jcache " + provider.getClass().getName()
                + (settings.uri() == null ? "" : " " + safe(settings.uri()));
        BoundedCalls calls = new BoundedCalls(description);
        CacheManager manager;
        try {
            Callable<CacheManager> opening = () -> owned ? manager(provider, settings.uri()) : provider.getCacheManager();
            // Joining a cluster (an embedded member) or connecting to one (a client) takes seconds.
            manager = calls.call("open", setupTimeout(settings).multipliedBy(6), opening);
        } catch (RuntimeException e) {
            calls.close();
            if (owned) {
                provider.close();
            }
            throw e;
        }
        LOG.log(System.Logger.Level.INFO, "Shared store: {0}, cache prefix {1}", description, settings.cachePrefix());
        return new JCacheStore(settings, provider, manager, owned, description, calls);
    }

    /**
     * Without {@code jcacheUri}: the shared provider (the server's or application's), whose default manager the
     * store borrows. With it: a provider instance of the store's own, so that its manager, and the grid instance
     * behind it, belong to the store alone and close with it (and two stores in one JVM are two nodes).
     */
    private static CachingProvider provider(JCacheSettings settings, ClassLoader loader) {
        CachingProvider shared;
        try {
            shared = settings.provider() == null ? Caching.getCachingProvider(loader)
                    : Caching.getCachingProvider(settings.provider(), loader);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(JCacheSettings.PROVIDER + ": no JCache implementation "
                    + (settings.provider() == null ? "(or more than one: name the one to use)" : settings.provider())
                    + " on the class path", e);
        }
        if (settings.uri() == null) {
            return shared;
        }
        try {
            return shared.getClass().asSubclass(CachingProvider.class).getConstructor().newInstance();
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalArgumentException(JCacheSettings.PROVIDER + ": " + shared.getClass().getName()
                    + " cannot be instantiated", e);
        }
    }

    /**
     * The manager configured by {@code uri}. Hazelcast names a cache after its manager's URI (unless it is the
     * default one), so the configuration goes in as a property under the default URI instead: the caches keep
     * plain names, the same on every node, wherever each node keeps its configuration file.
     */
    private static CacheManager manager(CachingProvider provider, URI uri) {
        ClassLoader loader = provider.getDefaultClassLoader();
        if (provider.getClass().getName().startsWith("com.hazelcast.")) {
            Properties properties = new Properties();
            properties.setProperty(HAZELCAST_CONFIG_LOCATION, uri.toString());
            return provider.getCacheManager(provider.getDefaultURI(), loader, properties);
        }
        return provider.getCacheManager(uri, loader);
    }

    @Override
    public SharedMap map(String name, Duration timeToLive) {
        checkName(name);
        Objects.requireNonNull(timeToLive, "timeToLive");
        if (timeToLive.toMillis() < 1) {
            throw new IllegalArgumentException("timeToLive must be at least a millisecond");
        }
        // Modified, not Created: a put restarts the entry's lifetime, as SharedMap promises.
        return new JCacheMap(this, new NamedCache(manager, settings.cachePrefix() + name,
                ModifiedExpiryPolicy.factoryOf(jcacheDuration(timeToLive))));
    }

    @Override
    public SharedLimiter limiter(String name, long limit, Duration window) {
        checkName(name);
        Objects.requireNonNull(window, "window");
        if (limit < 1 || window.toMillis() < 1) {
            throw new IllegalArgumentException("limit must be at least 1 and window at least a millisecond");
        }
        // Created: a bucket is refilled in full one window after it was created, so it may vanish then.
        return new JCacheLimiter(this, new NamedCache(manager, settings.cachePrefix() + name,
                CreatedExpiryPolicy.factoryOf(jcacheDuration(window))), limit, window);
    }

    @Override
    public void ping() {
        call("ping", pingCache, cache -> cache.get("ping"));
    }

    @Override
    public String describe() {
        return description;
    }

    @Override
    public void close() {
        calls.close();
        if (ownsManager) {
            try {
                manager.close();
                provider.close();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "Closing " + description + " failed", e);
            }
        }
    }

    /** An operation on one cache, bounded by the timeout (plus the set-up time the first time it is used). */
    <T> T call(String operation, NamedCache cache, CacheWork<T> work) {
        Duration timeout = cache.foundOnce() ? settings.timeout() : setupTimeout(settings);
        try {
            return calls.call(operation, timeout, () -> work.run(cache.get()));
        } catch (StoreUnavailableException e) {
            cache.reset(e);
            throw e;
        }
    }

    /** Work done with one cache. */
    @FunctionalInterface
    interface CacheWork<T> {
        T run(javax.cache.Cache<Object, Object> cache) throws Exception;
    }

    private static Duration setupTimeout(JCacheSettings settings) {
        Duration scaled = settings.timeout().multipliedBy(10);
        return scaled.compareTo(MIN_SETUP_TIMEOUT) > 0 ? scaled : MIN_SETUP_TIMEOUT;
    }

    private static javax.cache.expiry.Duration jcacheDuration(Duration duration) {
        return new javax.cache.expiry.Duration(TimeUnit.MILLISECONDS, duration.toMillis());
    }

    /** The URI without user information or query (which could hold credentials). */
    private static String safe(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme() + ":";
        String path = uri.getPath() != null ? uri.getPath() : uri.getSchemeSpecificPart();
        String host = uri.getHost() == null ? "" : "//" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
        return scheme + host + (path == null ? "" : path);
    }

    private static void checkName(String name) {
        if (name == null || name.isEmpty() || !name.chars().allMatch(c -> c > ' ' && c < 0x7f)) {
            throw new IllegalArgumentException("store names are printable ASCII without blanks");
        }
    }
}
