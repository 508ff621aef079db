package io.descopefilter.core.store;

import java.util.Optional;

/**
 * Keys to opaque values, each expiring a fixed time after it was written (see {@link SharedStore#map}). Each
 * operation is atomic in the store; keys are short printable strings chosen by the filter (hashes, never secrets).
 */
public interface SharedMap {

    /** Stores {@code value} under {@code key} if no live entry is there; {@code true} if this call stored it. */
    boolean putIfAbsent(String key, byte[] value);

    /** Stores {@code value} under {@code key}, replacing any entry and restarting its lifetime. */
    void put(String key, byte[] value);

    /** The live value under {@code key}. */
    Optional<byte[]> get(String key);

    /** Removes and returns the live value under {@code key}, atomically: of two callers, at most one gets it. */
    Optional<byte[]> take(String key);

    /** Removes any entry under {@code key}. */
    void remove(String key);
}
