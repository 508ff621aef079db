package io.descopefilter.store.jcache.internal;

import io.descopefilter.core.store.SharedMap;

import java.util.Objects;
import java.util.Optional;

/**
 * One map as one cache; each operation is one atomic JCache operation ({@code putIfAbsent}, {@code put}, {@code
 * get}, {@code getAndRemove}, {@code remove}), and the cache's expiry policy ends every entry its lifetime after
 * it was last written.
 */
final class JCacheMap implements SharedMap {

    private final JCacheStore store;
    private final NamedCache cache;

    JCacheMap(JCacheStore store, NamedCache cache) {
        this.store = store;
        this.cache = cache;
    }

    @Override
    public boolean putIfAbsent(String key, byte[] value) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        return store.call("putIfAbsent", cache, c -> c.putIfAbsent(key, value));
    }

    @Override
    public void put(String key, byte[] value) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        store.call("put", cache, c -> {
            c.put(key, value);
            return null;
        });
    }

    @Override
    public Optional<byte[]> get(String key) {
        Objects.requireNonNull(key, "key");
        return store.call("get", cache, c -> Optional.ofNullable((byte[]) c.get(key)));
    }

    @Override
    public Optional<byte[]> take(String key) {
        Objects.requireNonNull(key, "key");
        return store.call("getAndRemove", cache, c -> Optional.ofNullable((byte[]) c.getAndRemove(key)));
    }

    @Override
    public void remove(String key) {
        Objects.requireNonNull(key, "key");
        store.call("remove", cache, c -> c.remove(key));
    }
}
