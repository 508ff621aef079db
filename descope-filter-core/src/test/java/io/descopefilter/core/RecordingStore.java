package io.descopefilter.core;

import io.descopefilter.core.store.SharedLimiter;
import io.descopefilter.core.store.SharedMap;
import io.descopefilter.core.store.SharedStore;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/** A store that keeps a copy of every key and value written, as an attacker reading the store would see them. */
final class RecordingStore implements SharedStore {

    private final SharedStore delegate;
    private final List<String> written = new CopyOnWriteArrayList<>();

    RecordingStore(SharedStore delegate) {
        this.delegate = delegate;
    }

    List<String> written() {
        return written;
    }

    private void record(String key, byte[] value) {
        written.add(key);
        written.add(new String(value, StandardCharsets.ISO_8859_1));
    }

    @Override
    public SharedMap map(String name, Duration timeToLive) {
        SharedMap map = delegate.map(name, timeToLive);
        return new SharedMap() {
            @Override
            public boolean putIfAbsent(String key, byte[] value) {
                record(key, value);
                return map.putIfAbsent(key, value);
            }

            @Override
            public void put(String key, byte[] value) {
                record(key, value);
                map.put(key, value);
            }

            @Override
            public Optional<byte[]> get(String key) {
                return map.get(key);
            }

            @Override
            public Optional<byte[]> take(String key) {
                return map.take(key);
            }

            @Override
            public void remove(String key) {
                map.remove(key);
            }
        };
    }

    @Override
    public SharedLimiter limiter(String name, long limit, Duration window) {
        return delegate.limiter(name, limit, window);
    }

    @Override
    public void ping() {
        delegate.ping();
    }

    @Override
    public String describe() {
        return delegate.describe();
    }

    @Override
    public void close() {
        delegate.close();
    }
}
