package io.descopefilter.store.redis.internal;

import io.descopefilter.core.store.SharedMap;
import io.lettuce.core.SetArgs;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * One map as Redis strings under {@code <prefix><map>:<key>}, each written with its lifetime ({@code PX}) so that
 * Redis itself expires it. Each operation is one atomic command: {@code SET NX PX}, {@code SET PX}, {@code GET},
 * {@code GETDEL} (Redis 6.2+), {@code DEL}.
 */
final class RedisMap implements SharedMap {

    private final RedisStore store;
    private final String keyPrefix;
    private final long ttlMillis;

    RedisMap(RedisStore store, String keyPrefix, Duration timeToLive) {
        this.store = store;
        this.keyPrefix = keyPrefix;
        this.ttlMillis = timeToLive.toMillis();
    }

    @Override
    public boolean putIfAbsent(String key, byte[] value) {
        String k = key(key);
        Objects.requireNonNull(value, "value");
        // SET NX answers OK when it stored the value and nothing (null) when a live entry was there.
        return store.call("SET NX", () -> "OK".equals(store.commands().set(k, value, SetArgs.Builder.nx().px(ttlMillis))));
    }

    @Override
    public void put(String key, byte[] value) {
        String k = key(key);
        Objects.requireNonNull(value, "value");
        store.call("SET", () -> store.commands().set(k, value, SetArgs.Builder.px(ttlMillis)));
    }

    @Override
    public Optional<byte[]> get(String key) {
        String k = key(key);
        return store.call("GET", () -> Optional.ofNullable(store.commands().get(k)));
    }

    @Override
    public Optional<byte[]> take(String key) {
        String k = key(key);
        return store.call("GETDEL", () -> Optional.ofNullable(store.commands().getdel(k)));
    }

    @Override
    public void remove(String key) {
        String k = key(key);
        store.call("DEL", () -> store.commands().del(k));
    }

    private String key(String key) {
        Objects.requireNonNull(key, "key");
        return keyPrefix + key;
    }
}
