package io.descopefilter.jakarta.internal.session;

import io.descopefilter.jakarta.internal.config.CookieSettings;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.util.Optional;

/**
 * Stateless store: the session JWT in the {@code __Host-DS} cookie and the refresh JWT in {@code __Host-DSR}
 * (names per {@link CookieSettings}), both
 * {@code HttpOnly} with the configured {@code Secure}, {@code SameSite}, path and domain. Any node with the same
 * settings can serve the user. Two cookies of one name (cookie tossing from a sibling domain, SE-04) count as no
 * session at all.
 */
public final class CookieSessionStore implements SessionStore {

    /** Browsers keep at most 4096 bytes per cookie; attributes take some of it. */
    static final int MAX_VALUE_LENGTH = 3800;

    private final CookieSettings cookies;

    public CookieSessionStore(CookieSettings cookies) {
        this.cookies = cookies;
    }

    @Override
    public Optional<SessionTokens> read(HttpServletRequest request) {
        CookieSettings.Lookup session = CookieSettings.lookup(request, cookies.sessionName());
        CookieSettings.Lookup refresh = CookieSettings.lookup(request, cookies.refreshName());
        // Two cookies of one name count as no session at all (cookie tossing, SE-04).
        if (session.ambiguous() || refresh.ambiguous() || session.single() == null && refresh.single() == null) {
            return Optional.empty();
        }
        return Optional.of(new SessionTokens(session.single(), refresh.single(), -1));
    }

    @Override
    public void write(HttpServletRequest request, HttpServletResponse response, SessionTokens tokens) {
        checkSize(tokens.sessionJwt());
        checkSize(tokens.refreshJwt());
        if (tokens.sessionJwt() != null) {
            cookies.set(response, cookies.sessionName(), tokens.sessionJwt(), tokens.maxAgeSeconds());
        }
        if (tokens.refreshJwt() != null) {
            cookies.set(response, cookies.refreshName(), tokens.refreshJwt(), tokens.maxAgeSeconds());
        }
    }

    @Override
    public void clear(HttpServletRequest request, HttpServletResponse response) {
        cookies.expire(response, cookies.sessionName());
        cookies.expire(response, cookies.refreshName());
    }

    private static void checkSize(String jwt) {
        if (jwt != null && jwt.length() > MAX_VALUE_LENGTH) {
            throw new SessionTooLargeException("A Descope JWT of " + jwt.length() + " characters does not fit in a "
                    + "cookie; use sessionStore=http-session or make the JWT template smaller");
        }
    }
}
