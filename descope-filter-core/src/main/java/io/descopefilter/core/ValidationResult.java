package io.descopefilter.core;

import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of validating a token: a {@link DescopeSession}, or the {@link Rejection} that refused it.
 * Rejections are shared constants, so refusing allocates nothing.
 */
public final class ValidationResult {

    private static final ValidationResult[] REJECTED = new ValidationResult[Rejection.values().length];

    static {
        for (Rejection rejection : Rejection.values()) {
            REJECTED[rejection.ordinal()] = new ValidationResult(null, rejection);
        }
    }

    private final DescopeSession session;
    private final Rejection rejection;

    private ValidationResult(DescopeSession session, Rejection rejection) {
        this.session = session;
        this.rejection = rejection;
    }

    static ValidationResult accepted(DescopeSession session) {
        return new ValidationResult(Objects.requireNonNull(session), null);
    }

    static ValidationResult rejected(Rejection rejection) {
        return REJECTED[rejection.ordinal()];
    }

    public boolean isValid() {
        return session != null;
    }

    /** The validated session; empty when rejected. */
    public Optional<DescopeSession> session() {
        return Optional.ofNullable(session);
    }

    /** Why the token was refused; empty when valid. */
    public Optional<Rejection> rejection() {
        return Optional.ofNullable(rejection);
    }

    @Override
    public String toString() {
        return session != null ? "ValidationResult[valid, " + session + "]" : "ValidationResult[rejected: " + rejection + "]";
    }
}
