package io.descopefilter.core;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * How a {@link DescopeClient} protects its callers when Descope is slow, overloaded or down.
 *
 * <ul>
 *   <li>A <b>bulkhead</b> per {@link CallKind}: at most {@code maxConcurrent.get(kind)} calls of that kind are in
 *       flight; one more fails at once (nothing is sent) instead of waiting, so caller threads never pile up behind
 *       a hanging Descope. Kinds without an entry are not capped. When the caps add up to at most the connection
 *       pool, every kind keeps the connections it was given, whatever the others do.</li>
 *   <li>A <b>circuit breaker</b>: {@code failuresToOpen} failures in a row (5xx, transport failures, timeouts,
 *       unusable answers), or a single 429, open it; while open every call fails at once. It stays open for
 *       Descope's {@code Retry-After} when one was sent, else {@code openWait}; then one call probes (half-open)
 *       and its success closes the breaker, its failure opens it again. {@code failuresToOpen} 0 turns it off.</li>
 * </ul>
 * A call refused by either fails with a {@link DescopeException} whose {@link DescopeException#notSent()} is
 * {@code true} and which {@linkplain DescopeException#isUnavailable() counts as unavailable}.
 *
 * @param maxConcurrent calls in flight per kind; an absent kind is not capped
 * @param failuresToOpen failures in a row that open the breaker; 0 for no breaker
 * @param openWait how long the breaker stays open when Descope did not say ({@code Retry-After})
 */
public record CallProtection(Map<CallKind, Integer> maxConcurrent, int failuresToOpen, Duration openWait) {

    /** Longest {@code Retry-After} honoured, so that a bogus header cannot keep the breaker open for hours. */
    public static final Duration MAX_OPEN_WAIT = Duration.ofMinutes(5);

    /** No caps and no breaker: every call is attempted (the client's default). */
    public static final CallProtection NONE = new CallProtection(Map.of(), 0, Duration.ofSeconds(10));

    public CallProtection {
        Objects.requireNonNull(maxConcurrent, "maxConcurrent");
        Objects.requireNonNull(openWait, "openWait");
        EnumMap<CallKind, Integer> copy = new EnumMap<>(CallKind.class);
        maxConcurrent.forEach((kind, max) -> {
            if (max == null || max < 1) {
                throw new InvalidConfigException("protection", "the cap on concurrent " + kind + " calls must be "
                        + "at least 1");
            }
            copy.put(Objects.requireNonNull(kind, "kind"), max);
        });
        maxConcurrent = Map.copyOf(copy);
        if (failuresToOpen < 0) {
            throw new InvalidConfigException("protection", "failuresToOpen must not be negative");
        }
        if (openWait.isNegative() || openWait.isZero() || openWait.compareTo(MAX_OPEN_WAIT) > 0) {
            throw new InvalidConfigException("protection", "openWait must be between 1 ms and 5 minutes");
        }
    }

    /** The cap for {@code kind}, {@link Integer#MAX_VALUE} when it has none. */
    public int maxConcurrent(CallKind kind) {
        return maxConcurrent.getOrDefault(kind, Integer.MAX_VALUE);
    }

    /** Whether every kind is capped. */
    public boolean capsEveryKind() {
        return maxConcurrent.size() == CallKind.values().length;
    }

    /** The sum of the caps (saturating). */
    public long totalCap() {
        long total = 0;
        for (CallKind kind : CallKind.values()) {
            total += maxConcurrent(kind);
        }
        return total;
    }

    public boolean hasBreaker() {
        return failuresToOpen > 0;
    }
}
