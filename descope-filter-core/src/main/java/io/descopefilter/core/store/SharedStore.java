package io.descopefilter.core.store;

import java.time.Duration;

/**
 * One connection to a store that every node of the application shares. Thread-safe; opened once per filter by a
 * {@link SharedStoreProvider} and closed with it.
 *
 * <p>Every operation of the maps and limiters it hands out either completes within the store's own bounded
 * timeout or throws {@link StoreUnavailableException}; none blocks indefinitely.
 */
public interface SharedStore extends AutoCloseable {

    /**
     * A map named {@code name} whose every entry expires {@code timeToLive} after it was written, in the store
     * itself. Asking twice with the same name and lifetime returns maps over the same entries.
     */
    SharedMap map(String name, Duration timeToLive);

    /**
     * A limiter named {@code name}: at most {@code limit} events per key per {@code window}, counted atomically
     * across every node, with each key's state expiring in the store once its window is over.
     */
    SharedLimiter limiter(String name, long limit, Duration window);

    /** Checks that the store answers now; throws {@link StoreUnavailableException} if not (readiness checks). */
    void ping();

    /** What this store is, for logs and health answers, without secrets ("redis 127.0.0.1:6379", "jcache ..."). */
    String describe();

    @Override
    void close();
}
