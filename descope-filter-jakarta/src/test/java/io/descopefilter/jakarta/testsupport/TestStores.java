package io.descopefilter.jakarta.testsupport;

import io.descopefilter.core.internal.config.Setting;
import io.descopefilter.core.internal.config.SettingSource;
import io.descopefilter.core.internal.config.Settings;
import io.descopefilter.core.store.SharedLimiter;
import io.descopefilter.core.store.SharedMap;
import io.descopefilter.core.store.SharedStore;
import io.descopefilter.core.store.SharedStoreProvider;

import java.time.Duration;
import java.util.List;
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
    /** Read as a store module reads its own settings: through core's typed settings. */
    private static final Setting<String> STORE_ID = Setting.word("testStoreId", null,
            "the ID a test store is registered under");
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
        String id = new Settings(List.of(SettingSource.named("store setting", settings))).require(STORE_ID);
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
