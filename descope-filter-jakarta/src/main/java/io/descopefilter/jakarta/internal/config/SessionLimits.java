package io.descopefilter.jakarta.internal.config;

import java.time.Duration;

/**
 * How long a session may live whatever Descope's refresh lifetime: {@code maxAge} after its sign-in and
 * {@code idleTimeout} without a request ({@link Duration#ZERO} for no limit), and how recent a sign-in or step-up
 * must be for the step-up paths.
 */
public record SessionLimits(Duration maxAge, Duration idleTimeout, Duration stepUpMaxAge) {

    public boolean hasMaxAge() {
        return !maxAge.isZero();
    }

    public boolean hasIdleTimeout() {
        return !idleTimeout.isZero();
    }
}
