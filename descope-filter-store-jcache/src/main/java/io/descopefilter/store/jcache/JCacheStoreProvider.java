package io.descopefilter.store.jcache;

import io.descopefilter.core.store.SharedStore;
import io.descopefilter.core.store.SharedStoreProvider;
import io.descopefilter.store.jcache.internal.JCacheSettings;
import io.descopefilter.store.jcache.internal.JCacheStore;

import java.util.function.Function;

/**
 * The {@code jcache} store: the filter's shared state in a JCache (JSR-107) data grid that the application
 * supplies (Hazelcast, Infinispan, Payara's built-in grid). Settings: {@code jcacheProvider} (a {@code
 * CachingProvider} class name, when several are on the class path), {@code jcacheUri} (the implementation's
 * configuration, such as a {@code hazelcast.xml}; without it the provider's default cache manager is used, as on
 * Payara), {@code jcacheCachePrefix} (default {@code descope-}) and {@code jcacheTimeout} (milliseconds each
 * operation may take, default 500).
 */
public final class JCacheStoreProvider implements SharedStoreProvider {

    /** The value of the {@code store} setting that selects this store. */
    public static final String NAME = "jcache";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public SharedStore open(Function<String, String> settings) {
        return JCacheStore.open(JCacheSettings.from(settings));
    }
}
