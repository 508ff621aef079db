package io.descopefilter.core;

import java.util.Objects;
import java.util.Optional;

/** The outcome of a refresh: a {@link RefreshedSession}, or why there is none. Failures are shared constants. */
public final class RefreshResult {

    /** Why a refresh produced no session; safe to log. */
    public enum Failure {
        /** The refresh JWT failed local validation; Descope was not called. */
        REFRESH_TOKEN_INVALID,
        /**
         * Descope refused the refresh JWT (revoked, expired, user gone), or its session was logged out on a node of
         * this application while a result of it was kept for the grace period: the user must log in again.
         */
        REJECTED_BY_DESCOPE,
        /** Descope could not answer (down, slow, rate limited, garbled); the refresh JWT may still be good. */
        DESCOPE_UNAVAILABLE,
        /** Descope's answer held a session JWT (or rotated refresh JWT) that failed validation. */
        NEW_SESSION_INVALID,
        /** Another request was already refreshing this token and did not finish within the wait limit. */
        WAIT_TIMED_OUT,
        /**
         * This node kept a recent result for the refresh JWT but could not ask the shared store whether the
         * session was signed out since (on any node), so the result was not used; the refresh JWT may still be
         * good and the stored tokens are kept.
         */
        STORE_UNAVAILABLE,
        /** An unexpected exception or error. */
        INTERNAL_ERROR
    }

    private static final RefreshResult[] FAILED = new RefreshResult[Failure.values().length];

    static {
        for (Failure failure : Failure.values()) {
            FAILED[failure.ordinal()] = new RefreshResult(null, failure);
        }
    }

    private final RefreshedSession refreshed;
    private final Failure failure;

    private RefreshResult(RefreshedSession refreshed, Failure failure) {
        this.refreshed = refreshed;
        this.failure = failure;
    }

    static RefreshResult succeeded(RefreshedSession refreshed) {
        return new RefreshResult(Objects.requireNonNull(refreshed), null);
    }

    static RefreshResult failed(Failure failure) {
        return FAILED[failure.ordinal()];
    }

    public boolean isSuccess() {
        return refreshed != null;
    }

    public Optional<RefreshedSession> refreshed() {
        return Optional.ofNullable(refreshed);
    }

    public Optional<Failure> failure() {
        return Optional.ofNullable(failure);
    }

    @Override
    public String toString() {
        return refreshed != null ? "RefreshResult[" + refreshed + "]" : "RefreshResult[failed: " + failure + "]";
    }
}
