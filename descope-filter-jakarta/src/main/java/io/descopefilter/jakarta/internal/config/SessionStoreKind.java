package io.descopefilter.jakarta.internal.config;

/** Where a signed-in browser's tokens are kept between requests. */
public enum SessionStoreKind {
    /** Session and refresh JWTs in {@code HttpOnly} cookies: stateless, any node can serve the user. */
    COOKIE,
    /** Tokens in the container's {@code HttpSession}; only the session cookie reaches the browser. */
    HTTP_SESSION
}
