package io.descopefilter.store.redis;

import io.descopefilter.core.store.SharedStore;
import io.descopefilter.core.store.SharedStoreProvider;
import io.descopefilter.store.redis.internal.RedisSettings;
import io.descopefilter.store.redis.internal.RedisStore;

import java.util.function.Function;

/**
 * The {@code redis} store: the filter's shared state in Redis (6.2 or later), through Lettuce. Settings:
 * {@code redisUri} ({@code redis://host:port/db}, {@code rediss://} for TLS; required), {@code redisPassword}
 * (instead of a password in the URI), {@code redisKeyPrefix} (default {@code descope:}) and {@code redisTimeout}
 * (milliseconds each command may take, default 250).
 */
public final class RedisStoreProvider implements SharedStoreProvider {

    /** The value of the {@code store} setting that selects this store. */
    public static final String NAME = "redis";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public SharedStore open(Function<String, String> settings) {
        return RedisStore.open(RedisSettings.from(settings));
    }
}
