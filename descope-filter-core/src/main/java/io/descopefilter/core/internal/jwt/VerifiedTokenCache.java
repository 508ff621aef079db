package io.descopefilter.core.internal.jwt;

import io.descopefilter.core.ValidationResult;

import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Session JWTs that passed full validation, so a repeated request skips the RSA work. Only accepted tokens are
 * stored, and a hit counts only if the text is identical, the token is unexpired (the same exp + leeway rule as a
 * full validation) and the key that verified it is still the trusted key for its {@code kid}: a key removed from
 * the key set takes its entries with it.
 *
 * <p>A fixed table of eight-slot sets; a token may live in either of two sets chosen by a hash of the signature's
 * last characters, and is stored in the one with more free slots. That hash costs a dozen character reads where
 * {@link String#hashCode()} would read all ~1000 characters of a fresh token (about a microsecond on JDK 17). Its
 * input is safe to use: only tokens with a verified signature are ever stored, and their signatures are not chosen
 * by anyone. Each slot's hash is also kept in a plain {@code int} array beside the table, so a lookup reads one or
 * two runs of eight ints and touches only the entry whose hash matches (a stale hash only costs a miss: the
 * entry's full text is always compared).
 *
 * <p>Why two sets: sessions minted together share one deadline, so a token that finds its set full evicts a live
 * session, whose next request pays a full validation and evicts another. With one set per token, a table three
 * quarters full (200 000 sessions in 262 144 slots) could not keep 5.6 % of them; with the emptier of two, none.
 * The table never grows; a new entry takes an empty or expired slot, else the one of its sixteen candidates
 * expiring first, so a flood of distinct tokens costs O(1) per insert. Lookups: no lock, no allocation.
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
    /** log2 of the number of sets: the second set is the top this many bits of a remix of the hash. */
    private final int setBits;

    /** Holds at most {@code capacity} rounded up to a power of two (at least 2) entries. */
    public VerifiedTokenCache(int capacity) {
        int size = Math.max(2, Integer.highestOneBit(Math.max(1, capacity - 1)) << 1);
        this.slots = new AtomicReferenceArray<>(size);
        this.hashes = new int[size];
        this.ways = Math.min(MAX_WAYS, size);
        this.setMask = size / ways - 1;
        this.setBits = Integer.bitCount(setMask);
    }

    /** The live entry for this token, or {@code null}. */
    public Entry get(String token, long now, KeySetCache keys) {
        int hash = hashOf(token);
        int first = firstSetOf(hash);
        int second = secondSetOf(hash);
        for (int set = first; ; set = second) {
            for (int slot = set; slot < set + ways; slot++) {
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
            if (set == second) {
                return null;
            }
        }
    }

    public void put(Entry entry, long now) {
        int hash = hashOf(entry.token);
        int first = firstSetOf(hash);
        int second = secondSetOf(hash);
        int freeInFirst = 0;
        int freeInSecond = 0;
        int firstFree = -1;
        int secondFree = -1;
        int victim = first;
        long victimUntil = Long.MAX_VALUE;
        // The first of equal deadlines is kept as the victim: sessions share one lifetime, so ties are common, and
        // a varying start (from the hash) spreads them over the sets' slots.
        int start = hash >>> 29;
        for (int i = 0; i < 2 * ways; i++) {
            boolean inFirst = i < ways;
            int slot = (inFirst ? first : second) + ((start + i) & (ways - 1));
            Entry current = slots.get(slot);
            if (current == null || current.validUntil <= now) {
                if (inFirst && freeInFirst++ == 0) {
                    firstFree = slot;
                } else if (!inFirst && freeInSecond++ == 0) {
                    secondFree = slot;
                }
            } else if (hashes[slot] == hash && current.token.equals(entry.token)) {
                store(slot, entry, hash); // stored meanwhile by a concurrent request with the same token
                return;
            } else if (current.validUntil < victimUntil) {
                victimUntil = current.validUntil;
                victim = slot;
            }
        }
        if (freeInFirst + freeInSecond == 0) {
            store(victim, entry, hash);
        } else {
            store(freeInFirst >= freeInSecond ? firstFree : secondFree, entry, hash);
        }
    }

    private void store(int slot, Entry entry, int hash) {
        slots.set(slot, entry);
        hashes[slot] = hash;
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

    private int firstSetOf(int hash) {
        return (hash & setMask) * ways;
    }

    /** The top bits of a Fibonacci remix: independent of the low bits that pick the first set. */
    private int secondSetOf(int hash) {
        return (int) (((hash * 0x9E3779B9) & 0xFFFFFFFFL) >>> (32 - setBits)) * ways;
    }
}
