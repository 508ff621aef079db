package io.descopefilter.core.internal.jwt;

import io.descopefilter.core.ValidationResult;

import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Session JWTs that passed full validation, so a repeated request skips the RSA work. Only accepted tokens are
 * stored, and a hit counts only if the text is identical, the token is unexpired (the same exp + leeway rule as a
 * full validation) and the key that verified it is still the trusted key for its {@code kid}: a key removed from
 * the key set takes its entries with it.
 *
 * <p>A fixed table of eight-slot sets, indexed by a hash of the signature's last characters. That hash costs a dozen
 * character reads where {@link String#hashCode()} would read all ~1000 characters of a fresh token (about a
 * microsecond on JDK 17). Its input is safe to use: only tokens with a verified signature are ever stored, and
 * their signatures are not chosen by anyone. Each slot's hash is also kept in a plain {@code int} array beside the
 * table, so a lookup reads one run of eight ints and touches only the entry whose hash matches (a stale hash only
 * costs a miss: the entry's full text is always compared). With eight ways, under 1 % of the entries of a
 * half-full table find their set full (5 % at three quarters); with two ways it was a tenth.
 * The table never grows; a new entry replaces an empty or expired slot of its set, else the one expiring first, so
 * a flood of distinct tokens costs O(1) per insert. Lookups: no lock, no allocation.
 */
public final class VerifiedTokenCache {

    /** Characters of the signature segment, read backwards from its second-to-last one, that make the index. */
    private static final int HASHED_CHARS = 16;
    private static final int MAX_WAYS = 8;

    /** @param validUntil epoch millis (exp + leeway) from which the entry is dead */
    public record Entry(String token, ValidationResult result, VerificationKey key, long validUntil) {
    }

    private final AtomicReferenceArray<Entry> slots;
    /** The hash of each slot's entry; written after the entry, read without ordering (see the class comment). */
    private final int[] hashes;
    private final int ways;
    private final int setMask;

    /** Holds at most {@code capacity} rounded up to a power of two (at least 2) entries. */
    public VerifiedTokenCache(int capacity) {
        int size = Math.max(2, Integer.highestOneBit(Math.max(1, capacity - 1)) << 1);
        this.slots = new AtomicReferenceArray<>(size);
        this.hashes = new int[size];
        this.ways = Math.min(MAX_WAYS, size);
        this.setMask = size / ways - 1;
    }

    /** The live entry for this token, or {@code null}. */
    public Entry get(String token, long now, KeySetCache keys) {
        int hash = hashOf(token);
        int first = firstSlotOf(hash);
        for (int slot = first; slot < first + ways; slot++) {
            if (hashes[slot] != hash) {
                continue;
            }
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
        int target = -1;
        int oldest = first;
        long oldestUntil = Long.MAX_VALUE;
        for (int slot = first; slot < first + ways; slot++) {
            Entry current = slots.get(slot);
            if (current == null || current.validUntil <= now || current.token.equals(entry.token)) {
                target = slot;
                break;
            }
            // The first of equal deadlines is kept as the victim: sessions share one lifetime, so ties are common,
            // and a varying start (from the hash) spreads them over the set's slots.
            int candidate = first + (((hash >>> 29) + (slot - first)) & (ways - 1));
            Entry other = slots.get(candidate);
            long until = other == null ? Long.MIN_VALUE : other.validUntil;
            if (until < oldestUntil) {
                oldestUntil = until;
                oldest = candidate;
            }
        }
        if (target < 0) {
            target = oldest;
        }
        slots.set(target, entry);
        hashes[target] = hash;
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
        return (hash & setMask) * ways;
    }
}
