package io.descopefilter.jakarta.internal.config;

/** The names of the session cookies. */
public enum SessionCookieNames {
    /** {@code __Host-DS} and {@code __Host-DSR} (or {@code __Secure-}) when the cookies are Secure; the default. */
    PREFIXED,
    /**
     * Descope's own names {@code DS} and {@code DSR}, which its front-end SDK reads. A sibling subdomain or a
     * plain-http response can then plant or overwrite them (cookie tossing); choose it only when pages need the SDK.
     */
    PLAIN
}
