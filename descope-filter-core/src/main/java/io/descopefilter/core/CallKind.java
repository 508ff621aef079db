package io.descopefilter.core;

/**
 * The kinds of work a {@link DescopeClient} call does, each with its own cap on calls in flight
 * ({@link CallProtection}): a flood of one kind (link sends, say) cannot take the connections another kind needs
 * (key fetches, refreshes of signed-in users).
 */
public enum CallKind {
    /** Magic and enchanted link verification. */
    VERIFY,
    /** Session refresh (and tenant selection, which renews the session the same way). */
    REFRESH,
    /** Link sends and starts (sign-in, sign-up, updates, embedded link generation) and {@code me}. */
    SEND,
    /** Enchanted link pending-session polls. */
    POLL,
    /** Logout and logout-all. */
    LOGOUT,
    /** Key set (JWKS) fetches. */
    KEYS,
    /** Everything else (management calls). */
    OTHER;

    /** The kind of a call to this API path. */
    public static CallKind ofPath(String path) {
        if (path.startsWith("/v2/keys/")) {
            return KEYS;
        }
        if (path.equals("/v1/auth/refresh") || path.equals("/v1/auth/tenant/select")) {
            return REFRESH;
        }
        if (path.endsWith("/verify")) {
            return VERIFY;
        }
        if (path.equals("/v1/auth/enchantedlink/pending-session")) {
            return POLL;
        }
        if (path.equals("/v1/auth/logout") || path.equals("/v1/auth/logoutall")) {
            return LOGOUT;
        }
        if (path.startsWith("/v1/auth/") || path.contains("/embeddedlink")) {
            return SEND;
        }
        return OTHER;
    }
}
