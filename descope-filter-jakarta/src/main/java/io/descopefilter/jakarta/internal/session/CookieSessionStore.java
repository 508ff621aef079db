package io.descopefilter.jakarta.internal.session;

import io.descopefilter.jakarta.internal.config.CookieSettings;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.util.Optional;

/**
 * Stateless store: the session JWT in the {@code DS} cookie and the refresh JWT in {@code DSR}, both
 * {@code HttpOnly} with the configured {@code Secure}, {@code SameSite}, path and domain. Any node with the same
 * settings can serve the user. Two cookies of one name (cookie tossing from a sibling domain, SE-04) count as no
 * session at all.
 */
public final class CookieSessionStore implements SessionStore {

    public static final String SESSION_COOKIE = "DS";
    public static final String REFRESH_COOKIE = "DSR";

    /** Browsers keep at most 4096 bytes per cookie; attributes take some of it. */
    static final int MAX_VALUE_LENGTH = 3800;

    private final CookieSettings cookies;

    public CookieSessionStore(CookieSettings cookies) {
        this.cookies = cookies;
    }

    @Override
    public Optional<SessionTokens> read(HttpServletRequest request) {
        Cookie[] all = request.getCookies();
        if (all == null) {
            return Optional.empty();
        }
        String session = null;
        String refresh = null;
        for (Cookie cookie : all) {
            String name = cookie.getName();
            if (SESSION_COOKIE.equals(name)) {
                if (session != null) {
                    return Optional.empty();
                }
                session = cookie.getValue();
            } else if (REFRESH_COOKIE.equals(name)) {
                if (refresh != null) {
                    return Optional.empty();
                }
                refresh = cookie.getValue();
            }
        }
        session = session == null || session.isEmpty() ? null : session;
        refresh = refresh == null || refresh.isEmpty() ? null : refresh;
        if (session == null && refresh == null) {
            return Optional.empty();
        }
        return Optional.of(new SessionTokens(session, refresh, -1));
    }

    @Override
    public void write(HttpServletRequest request, HttpServletResponse response, SessionTokens tokens) {
        checkSize(tokens.sessionJwt());
        checkSize(tokens.refreshJwt());
        if (tokens.sessionJwt() != null) {
            response.addCookie(cookies.cookie(SESSION_COOKIE, tokens.sessionJwt(), tokens.maxAgeSeconds()));
        }
        if (tokens.refreshJwt() != null) {
            response.addCookie(cookies.cookie(REFRESH_COOKIE, tokens.refreshJwt(), tokens.maxAgeSeconds()));
        }
    }

    @Override
    public void clear(HttpServletRequest request, HttpServletResponse response) {
        response.addCookie(cookies.expired(SESSION_COOKIE));
        response.addCookie(cookies.expired(REFRESH_COOKIE));
    }

    private static void checkSize(String jwt) {
        if (jwt != null && jwt.length() > MAX_VALUE_LENGTH) {
            throw new SessionTooLargeException("A Descope JWT of " + jwt.length() + " characters does not fit in a "
                    + "cookie; use sessionStore=http-session or make the JWT template smaller");
        }
    }
}
