package io.descopefilter.jakarta.internal.session;

import java.io.Serial;
import java.io.Serializable;

/**
 * The JWTs of one signed-in browser, as kept by a {@link SessionStore}. Serializable so that an
 * {@code HttpSession} holding it can be persisted or replicated; {@link #toString()} never shows the JWTs.
 *
 * @param sessionJwt    the session JWT, or {@code null} when only a refresh JWT is left
 * @param refreshJwt    the refresh JWT, or {@code null} when Descope sent none
 * @param maxAgeSeconds how long the browser should keep the cookies (Descope's {@code cookieMaxAge}); -1 for the
 *                      browser session
 */
public record SessionTokens(String sessionJwt, String refreshJwt, int maxAgeSeconds) implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    public SessionTokens {
        if (sessionJwt == null && refreshJwt == null) {
            throw new IllegalArgumentException("at least one token is required");
        }
        maxAgeSeconds = maxAgeSeconds > 0 ? maxAgeSeconds : -1;
    }

    public boolean hasRefreshJwt() {
        return refreshJwt != null && !refreshJwt.isEmpty();
    }

    @Override
    public String toString() {
        return "SessionTokens[sessionJwt=" + (sessionJwt == null ? "none" : "<redacted>") + ", refreshJwt="
                + (refreshJwt == null ? "none" : "<redacted>") + ", maxAgeSeconds=" + maxAgeSeconds + "]";
    }
}
