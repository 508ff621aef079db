package io.descopefilter.jakarta;

/**
 * Why a sign-in step failed. An application error page (setting {@code errorPage}) receives {@link #reason()} in
 * the request attribute {@value RequestAttributes#ERROR}; the response already carries {@link #status()}.
 */
public enum LoginProblem {
    /** The link is malformed, forged, meant for another site or refused by Descope (400). */
    INVALID_LINK(400, "invalid_link"),
    /** The link expired or was already used (410). */
    EXPIRED_LINK(410, "expired_link"),
    /** Too many attempts from this client, or Descope is rate limiting (429, with {@code Retry-After}). */
    RATE_LIMITED(429, "rate_limited"),
    /** Descope cannot be reached or refused the project's credentials (503, with {@code Retry-After}). */
    UNAVAILABLE(503, "unavailable"),
    /** A state-changing request without a valid CSRF token or from another origin (403). */
    CSRF(403, "csrf"),
    /** A signed-in user without the role a path needs (setting {@code requiredRoles}) (403). */
    FORBIDDEN(403, "forbidden"),
    /** A request the filter cannot process (400). */
    BAD_REQUEST(400, "bad_request"),
    /** Descope's tokens do not fit in a browser cookie (500); see the {@code sessionStore} setting. */
    SESSION_TOO_LARGE(500, "session_too_large");

    private final int status;
    private final String reason;

    LoginProblem(int status, String reason) {
        this.status = status;
        this.reason = reason;
    }

    /** The HTTP status of the response. */
    public int status() {
        return status;
    }

    /** The machine-readable reason, e.g. {@code expired_link}. */
    public String reason() {
        return reason;
    }
}
