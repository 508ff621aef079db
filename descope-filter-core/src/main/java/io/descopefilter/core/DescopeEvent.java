package io.descopefilter.core;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Something the filter or the client did, for a {@link DescopeEventListener}: metrics, audit logs, alerts.
 *
 * <p>Events are few and only off the hot path: a request with a valid, already verified session emits nothing.
 * They never carry a token, a key or a JWT. A login ID is masked ({@code a***@example.com}) unless the application
 * opted in to full login IDs (setting {@code eventLoginIds=full}); a user ID is Descope's opaque ID. Every enum here
 * has few values, so each is fit for a metric tag.
 */
public sealed interface DescopeEvent {

    /** When it happened. */
    Instant time();

    // ---- the kinds of things an event names ----

    /** How a person signed in. */
    enum SignInMethod {
        /** A magic link (email, SMS, WhatsApp, voice). */
        MAGIC,
        /** An enchanted link: clicked on one device, signed in on the one that asked. */
        ENCHANTED,
        /** An embedded link the application generated and delivered itself. */
        EMBEDDED
    }

    /** Why a landing or an enchanted poll signed nobody in. */
    enum SignInRefusal {
        /** The link expired or was already used. */
        EXPIRED_OR_USED,
        /** The link is malformed, forged, meant for another site, or Descope refused it. */
        INVALID_LINK,
        /** The confirmation was posted without a valid CSRF token or from another origin. */
        CSRF,
        /** Too many attempts from this client, or Descope rate limited the verification. */
        THROTTLED,
        /** Descope could not be reached, or the circuit breaker is open. */
        UNAVAILABLE,
        /** Descope's tokens do not fit in a cookie (see {@code sessionStore}). */
        SESSION_TOO_LARGE,
        /** Anything else (a request the filter cannot process). */
        OTHER
    }

    /** Why no link went out. Except for {@link #CSRF} and {@link #INVALID_ADDRESS}, the person was told it did. */
    enum SendRefusal {
        /** The page's CSRF token was missing or wrong. */
        CSRF,
        /** The address is not an email address or an E.164 phone number. */
        INVALID_ADDRESS,
        /** A send limit per login ID or per client was reached. */
        LIMIT,
        /** Descope has no such account (sign-in) or already has it (sign-up). */
        NO_ACCOUNT,
        /** Descope refused the request (a bad address, a project setting). */
        DESCOPE_REFUSED,
        /** Descope could not be reached, rate limited the send, the circuit breaker is open, or the shared store could not count the send. */
        UNAVAILABLE
    }

    /** Why a request that carried a session was not signed in (without a refresh that could save it). */
    enum SessionRefusal {
        /** The session JWT expired and there was no refresh JWT. */
        EXPIRED,
        /** The signature does not verify, or the algorithm is not allowed. */
        INVALID_SIGNATURE,
        /** Another project's or site's token ({@code iss}, {@code aud}, token kind). */
        WRONG_ISSUER,
        /** No trusted key has the token's {@code kid}. */
        UNKNOWN_KEY,
        /** No usable key set: Descope's keys could not be fetched. */
        KEYS_UNAVAILABLE,
        /** Not a well-formed JWT, or a claim of the wrong type. */
        MALFORMED,
        /** The session was idle longer than {@code idleTimeout}. */
        IDLE_TIMEOUT,
        /** The session is older than {@code maxSessionAge}. */
        MAX_AGE,
        /** Any other reason. */
        OTHER;

        /** The refusal a validator's {@link Rejection} stands for. */
        public static SessionRefusal of(Rejection rejection) {
            switch (rejection) {
                case EXPIRED:
                case MISSING_EXPIRY:
                case NOT_YET_VALID:
                    return EXPIRED;
                case BAD_SIGNATURE:
                case ALGORITHM_NOT_ALLOWED:
                    return INVALID_SIGNATURE;
                case WRONG_ISSUER:
                case WRONG_AUDIENCE:
                case WRONG_TOKEN_KIND:
                    return WRONG_ISSUER;
                case UNKNOWN_KEY_ID:
                case MISSING_KEY_ID:
                    return UNKNOWN_KEY;
                case KEYS_UNAVAILABLE:
                    return KEYS_UNAVAILABLE;
                case MALFORMED:
                case MALFORMED_CLAIMS:
                case TOO_LONG:
                case UNSUPPORTED_HEADER:
                case MISSING:
                    return MALFORMED;
                default:
                    return OTHER;
            }
        }
    }

    /** How a sign-out reached. */
    enum SignOutScope {
        /** This browser's session. */
        ONE,
        /** Every session of the user ({@code logoutAllPath}). */
        EVERYWHERE
    }

    /** How one call to Descope ended. */
    enum CallOutcome {
        /** A 2xx answer. */
        OK,
        /** A 4xx verdict other than 429 (a used link, a revoked token, an unknown user). */
        REFUSED,
        /** 429. */
        RATE_LIMITED,
        /** A 5xx, a transport failure, a timeout or an unusable answer. */
        FAILED,
        /** Never sent: the circuit breaker is open or too many calls of its kind are in flight. */
        NOT_SENT
    }

    // ---- the events ----

    /**
     * A browser is now signed in.
     *
     * @param channel how the link travelled: {@code EMAIL} for an enchanted link; for a magic link (an update link
     *                too), the channel it was sent by, when it is opened in the browser that asked for it (whose
     *                link cookie records the channel). {@code null} means unknown or none: a magic link confirmed
     *                in a browser that did not ask for it, links to the account asked for in that browser by more
     *                than one channel within the binding's 20 minutes (either may be the one clicked), a link asked
     *                for before the cookie recorded channels; and always for an embedded link, which the
     *                application delivers itself, by no channel of the filter's
     * @param loginId masked unless full login IDs were asked for; {@code null} when the session names none
     */
    record SignedIn(Instant time, SignInMethod method, DeliveryMethod channel, String userId, String loginId)
            implements DescopeEvent {
        public SignedIn {
            Objects.requireNonNull(time, "time");
            Objects.requireNonNull(method, "method");
        }
    }

    /** A landing (or an enchanted poll's result) signed nobody in. */
    record SignInRefused(Instant time, SignInMethod method, SignInRefusal reason) implements DescopeEvent {
        public SignInRefused {
            Objects.requireNonNull(time, "time");
            Objects.requireNonNull(method, "method");
            Objects.requireNonNull(reason, "reason");
        }
    }

    /**
     * Descope accepted a link send.
     *
     * @param channel {@link DeliveryMethod#EMAIL} for enchanted links
     * @param loginId masked unless full login IDs were asked for
     */
    record LinkSendSucceeded(Instant time, SignInMethod method, DeliveryMethod channel, String loginId)
            implements DescopeEvent {
        public LinkSendSucceeded {
            Objects.requireNonNull(time, "time");
            Objects.requireNonNull(method, "method");
        }
    }

    /** A send asked of {@code DescopeLinks} sent nothing; {@code loginId} is {@code null} when it was not valid. */
    record LinkSendRefused(Instant time, SignInMethod method, DeliveryMethod channel, SendRefusal reason,
                           String loginId) implements DescopeEvent {
        public LinkSendRefused {
            Objects.requireNonNull(time, "time");
            Objects.requireNonNull(method, "method");
            Objects.requireNonNull(reason, "reason");
        }
    }

    /**
     * A request's expired session was renewed with its refresh JWT.
     *
     * @param latency how long the request waited for it (the Descope call, or another request's)
     */
    record RefreshSucceeded(Instant time, Duration latency) implements DescopeEvent {
        public RefreshSucceeded {
            Objects.requireNonNull(time, "time");
            Objects.requireNonNull(latency, "latency");
        }
    }

    /** A request's expired session could not be renewed; the request is signed out. */
    record RefreshRefused(Instant time, RefreshResult.Failure reason, Duration latency) implements DescopeEvent {
        public RefreshRefused {
            Objects.requireNonNull(time, "time");
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(latency, "latency");
        }
    }

    /** A browser signed out (the logout endpoints, {@code request.logout()}). */
    record SignedOut(Instant time, SignOutScope scope) implements DescopeEvent {
        public SignedOut {
            Objects.requireNonNull(time, "time");
            Objects.requireNonNull(scope, "scope");
        }
    }

    /** A request carried a session (cookie or bearer token) that was refused and not renewed. */
    record SessionRefused(Instant time, SessionRefusal reason) implements DescopeEvent {
        public SessionRefused {
            Objects.requireNonNull(time, "time");
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** The project's key set was fetched; {@code keys} usable keys. */
    record KeysFetched(Instant time, int keys, Duration latency) implements DescopeEvent {
        public KeysFetched {
            Objects.requireNonNull(time, "time");
            Objects.requireNonNull(latency, "latency");
        }
    }

    /**
     * A key set fetch failed.
     *
     * @param error the failure's class name (never its details)
     * @param keysHeld whether an earlier key set still serves
     */
    record KeysFetchFailed(Instant time, String error, boolean keysHeld, Duration latency) implements DescopeEvent {
        public KeysFetchFailed {
            Objects.requireNonNull(time, "time");
            Objects.requireNonNull(error, "error");
            Objects.requireNonNull(latency, "latency");
        }
    }

    /** A fetched key set differs from the one before: Descope rotated its signing keys. */
    record KeysRotated(Instant time, int added, int removed) implements DescopeEvent {
        public KeysRotated {
            Objects.requireNonNull(time, "time");
        }
    }

    /**
     * One call to Descope, retries included.
     *
     * @param status the HTTP status, 0 when there was no answer
     */
    record DescopeCall(Instant time, CallKind kind, CallOutcome outcome, int status, Duration latency)
            implements DescopeEvent {
        public DescopeCall {
            Objects.requireNonNull(time, "time");
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(outcome, "outcome");
            Objects.requireNonNull(latency, "latency");
        }
    }

    /** The circuit breaker opened: calls fail at once for {@code openFor}, then one probes. */
    record BreakerOpened(Instant time, Duration openFor) implements DescopeEvent {
        public BreakerOpened {
            Objects.requireNonNull(time, "time");
            Objects.requireNonNull(openFor, "openFor");
        }
    }

    /** The circuit breaker closed: Descope answers again. */
    record BreakerClosed(Instant time) implements DescopeEvent {
        public BreakerClosed {
            Objects.requireNonNull(time, "time");
        }
    }
}
