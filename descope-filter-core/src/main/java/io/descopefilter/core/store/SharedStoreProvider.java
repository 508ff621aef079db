package io.descopefilter.core.store;

import java.util.function.Function;

/**
 * Opens a {@link SharedStore}; found through {@link java.util.ServiceLoader}. A store module ships one in
 * {@code META-INF/services/io.descopefilter.core.store.SharedStoreProvider}.
 */
public interface SharedStoreProvider {

    /** The value of the {@code store} setting that selects this provider ({@code "jcache"}, {@code "redis"}). */
    String name();

    /**
     * Opens the store. {@code settings} answers the filter's settings by name ({@code null} when unset), so a
     * provider reads its own ({@code redisUri}, {@code jcacheUri}, ...) through the same chain as every other
     * setting: init-param, context-param, system property, environment variable.
     *
     * @throws IllegalArgumentException a setting is missing or malformed (the message names it)
     * @throws StoreUnavailableException the store cannot be reached now
     */
    SharedStore open(Function<String, String> settings);
}
