package io.descopefilter.jakarta.web;

/**
 * Why a sign-in step failed, as the user is told and as an application error page receives it in the request
 * attribute {@code io.descopefilter.error}.
 */
public enum LoginProblem {
    INVALID_LINK(400, "invalid_link", "This sign-in link is not valid",
            "It may be incomplete or meant for another site. Request a new link to sign in."),
    EXPIRED_LINK(410, "expired_link", "This sign-in link has expired or was already used",
            "Sign-in links work only once and only for a few minutes. Request a new link to sign in."),
    RATE_LIMITED(429, "rate_limited", "Too many attempts",
            "Please wait a moment, then try again."),
    UNAVAILABLE(503, "unavailable", "Sign-in is temporarily unavailable",
            "We could not reach the sign-in service. Please try again in a minute."),
    CSRF(403, "csrf", "This request could not be verified",
            "Please go back, reload the page and try again."),
    BAD_REQUEST(400, "bad_request", "This request could not be processed",
            "Please go back and try again."),
    SESSION_TOO_LARGE(500, "session_too_large", "Your session could not be stored",
            "Your account carries more data than a browser cookie can hold. Please contact the site's support.");

    private final int status;
    private final String reason;
    private final String title;
    private final String explanation;

    LoginProblem(int status, String reason, String title, String explanation) {
        this.status = status;
        this.reason = reason;
        this.title = title;
        this.explanation = explanation;
    }

    public int status() {
        return status;
    }

    /** The machine-readable reason, e.g. {@code expired_link}. */
    public String reason() {
        return reason;
    }

    public String title() {
        return title;
    }

    public String explanation() {
        return explanation;
    }

    /** Whether requesting a fresh link is the way out. */
    public boolean offersNewLink() {
        return this == INVALID_LINK || this == EXPIRED_LINK;
    }
}
