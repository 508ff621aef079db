package io.descopefilter.core.session;

import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Session JWTs that passed full validation, keyed by the exact token text, so a repeated request skips the RSA
 * work. Only accepted tokens are stored. A hit counts only while the token is unexpired (the same exp + leeway
 * rule as a full validation) and the key that verified it is still the trusted key for its {@code kid}, so a key
 * removed from the key set takes its entries with it.
 *
 * <p>Bounded: tokens are evicted oldest first once {@code capacity} is reached, in O(1) per insert, so a flood of
 * distinct tokens never grows the map. Session JWTs share one lifetime, so oldest first is also soonest expired.
 */
final class VerifiedTokenCache {

    /** @param validUntil epoch millis (exp + leeway) from which the entry is dead */
    record Entry(ValidationResult result, VerificationKey key, long validUntil) {
    }

    private final int capacity;
    private final ConcurrentHashMap<String, Entry> entries;
    private final Queue<String> insertionOrder = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();

    VerifiedTokenCache(int capacity) {
        this.capacity = capacity;
        this.entries = new ConcurrentHashMap<>(Math.min(capacity, 1024));
    }

    /** The live entry for this token, or {@code null}. Allocates nothing and takes no lock. */
    Entry get(String token, long now, KeySetCache keys) {
        Entry entry = entries.get(token);
        if (entry == null) {
            return null;
        }
        if (now < entry.validUntil && keys.find(entry.key.kid()) == entry.key) {
            return entry;
        }
        entries.remove(token, entry);
        return null;
    }

    void put(String token, Entry entry) {
        if (entries.put(token, entry) != null) {
            return;
        }
        insertionOrder.add(token);
        if (queued.incrementAndGet() > capacity) {
            String oldest = insertionOrder.poll();
            if (oldest != null) {
                queued.decrementAndGet();
                entries.remove(oldest);
            }
        }
    }

    int size() {
        return entries.size();
    }
}
