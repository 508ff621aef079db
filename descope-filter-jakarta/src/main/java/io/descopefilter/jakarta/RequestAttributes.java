package io.descopefilter.jakarta;

/** Names of the request attributes the filter sets for the application. */
public final class RequestAttributes {

    /**
     * The validated {@code io.descopefilter.core.DescopeSession} of a signed-in request (its claims only: the
     * session and refresh JWTs themselves never reach a request attribute).
     */
    public static final String SESSION = "io.descopefilter.session";
    /** On a forward to the configured error page: the reason, e.g. {@code expired_link} (see {@link LoginProblem}). */
    public static final String ERROR = "io.descopefilter.error";
    /** On a forward to the configured error page: the masked login ID when known, e.g. {@code a***@example.com}. */
    public static final String LOGIN_ID = "io.descopefilter.loginId";
    /** On a forward to the configured error page: the seconds to wait before retrying, when that applies. */
    public static final String RETRY_AFTER = "io.descopefilter.retryAfter";

    private RequestAttributes() {
    }
}
