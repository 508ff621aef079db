package io.descopefilter.core.internal.jwt;

import io.descopefilter.core.ValidationResult;

import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Session JWTs that passed full validation, so a repeated request skips the RSA work. Only accepted tokens are
 * stored, and a hit counts only if the text is identical, the token is unexpired (the same exp + leeway rule as a
 * full validation) and the key that verified it is still the trusted key for its {@code kid}: a key removed from
 * the key set takes its entries with it.
 *
 * <p>A fixed table of two-slot sets, indexed by a hash of the signature's last characters. That hash costs a dozen
 * character reads where {@link String#hashCode()} would read all ~1000 characters of a fresh token (about a
 * microsecond on JDK 17). Its input is safe to use: only tokens with a verified signature are ever stored, and
 * their signatures are not chosen by anyone. The table never grows; a new entry replaces an empty or expired slot
 * of its set, else the one expiring first, so a flood of distinct tokens costs O(1) per insert. Lookups are two
 * volatile reads and a string comparison: no lock, no allocation.
 */
public final class VerifiedTokenCache {

    /** Characters of the signature segment, read backwards from its second-to-last one, that make the index. */
    private static final int HASHED_CHARS = 16;

    /** @param validUntil epoch millis (exp + leeway) from which the entry is dead */
    public record Entry(String token, ValidationResult result, VerificationKey key, long validUntil) {
    }

    private final AtomicReferenceArray<Entry> slots;
    private final int setMask;

    /** Holds at most {@code capacity} rounded up to a power of two (at least 2) entries. */
    public VerifiedTokenCache(int capacity) {
        int size = Math.max(2, Integer.highestOneBit(Math.max(1, capacity - 1)) << 1);
        this.slots = new AtomicReferenceArray<>(size);
        this.setMask = size / 2 - 1;
    }

    /** The live entry for this token, or {@code null}. */
    public Entry get(String token, long now, KeySetCache keys) {
        int first = firstSlotOf(hashOf(token));
        for (int slot = first; slot <= first + 1; slot++) {
            Entry entry = slots.get(slot);
            if (entry != null && entry.token.equals(token)) {
                if (now < entry.validUntil && keys.find(entry.key.kid()) == entry.key) {
                    return entry;
                }
                slots.compareAndSet(slot, entry, null);
                return null;
            }
        }
        return null;
    }

    public void put(Entry entry, long now) {
        int hash = hashOf(entry.token);
        int first = firstSlotOf(hash);
        Entry a = slots.get(first);
        Entry b = slots.get(first + 1);
        int target;
        if (a == null || a.validUntil <= now || a.token.equals(entry.token)) {
            target = first;
        } else if (b == null || b.validUntil <= now || b.token.equals(entry.token)) {
            target = first + 1;
        } else if (a.validUntil != b.validUntil) {
            target = a.validUntil < b.validUntil ? first : first + 1;
        } else {
            target = first + (hash >>> 31); // a tie (sessions share one lifetime): either may go
        }
        slots.set(target, entry);
    }

    /** Occupied slots; for tests. */
    int size() {
        int size = 0;
        for (int i = 0; i < slots.length(); i++) {
            if (slots.get(i) != null) {
                size++;
            }
        }
        return size;
    }

    private static int hashOf(String token) {
        int end = token.length() - 1; // the last character carries only a few bits
        int hash = 0;
        for (int i = Math.max(0, end - HASHED_CHARS); i < end; i++) {
            hash = 31 * hash + token.charAt(i);
        }
        return hash ^ (hash >>> 16);
    }

    private int firstSlotOf(int hash) {
        return (hash & setMask) << 1;
    }
}
