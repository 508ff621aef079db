package io.descopefilter.jakarta.testsupport;

import io.descopefilter.core.store.SharedLimiter;
import io.descopefilter.core.store.SharedMap;
import io.descopefilter.core.store.SharedStore;
import io.descopefilter.core.store.SharedStoreProvider;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * A store module for tests ({@code store=test-shared}): hands every filter configured with the same
 * {@code testStoreId} the store registered under that ID, so that two filters in one JVM act as two nodes sharing
 * one store. A filter closing its store does not close the shared one.
 */
public final class TestStores implements SharedStoreProvider {

    public static final String NAME = "test-shared";
    private static final Map<String, SharedStore> STORES = new ConcurrentHashMap<>();

    /** Registers {@code store} under {@code id}; the caller closes it. */
    public static void register(String id, SharedStore store) {
        STORES.put(id, store);
    }

    public static void unregister(String id) {
        STORES.remove(id);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public SharedStore open(Function<String, String> settings) {
        String id = settings.apply("testStoreId");
        if (id == null) {
            throw new IllegalArgumentException("testStoreId is not set");
        }
        SharedStore store = STORES.get(id);
        if (store == null) {
            throw new IllegalArgumentException("no test store registered as " + id);
        }
        return new SharedStore() {
            @Override
            public SharedMap map(String name, Duration timeToLive) {
                return store.map(name, timeToLive);
            }

            @Override
            public SharedLimiter limiter(String name, long limit, Duration window) {
                return store.limiter(name, limit, window);
            }

            @Override
            public void ping() {
                store.ping();
            }

            @Override
            public String describe() {
                return "test store " + id;
            }

            @Override
            public void close() {
                // Shared by several filters; the test closes it.
            }
        };
    }
}
