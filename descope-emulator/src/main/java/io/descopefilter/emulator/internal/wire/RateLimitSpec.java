package io.descopefilter.emulator.internal.wire;

import io.descopefilter.emulator.RateLimit;

/** {@code /emulator/rate-limits}: both limits; a limit of 0 is off. */
public record RateLimitSpec(Limit perLoginId, Limit perClient) {

    /** One fixed-window limit. */
    public record Limit(int limit, long windowSeconds) {
    }

    public static RateLimitSpec of(RateLimit limits) {
        return new RateLimitSpec(new Limit(limits.perLoginIdLimit(), limits.perLoginIdWindow().toSeconds()),
                new Limit(limits.perClientLimit(), limits.perClientWindow().toSeconds()));
    }
}
