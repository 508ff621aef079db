package io.descopefilter.core;

import java.util.Objects;

/**
 * A session renewed by Descope: the validated new session, the tokens to store, and the cookie attributes Descope
 * sent (contract §5). {@link #toString()} never shows the JWTs.
 *
 * @param session           the validated new session JWT's content
 * @param sessionJwt        the new session JWT
 * @param refreshJwt        the refresh JWT to keep: the rotated one when Descope sent one, else the old one
 * @param refreshJwtRotated whether {@code refreshJwt} is new and must replace the stored one
 * @param cookieDomain      Descope's {@code cookieDomain}, possibly empty
 * @param cookiePath        Descope's {@code cookiePath}
 * @param cookieMaxAge      Descope's {@code cookieMaxAge} in seconds
 * @param cookieExpiration  Descope's {@code cookieExpiration} in epoch seconds
 */
public record RefreshedSession(
        DescopeSession session,
        String sessionJwt,
        String refreshJwt,
        boolean refreshJwtRotated,
        String cookieDomain,
        String cookiePath,
        int cookieMaxAge,
        long cookieExpiration) {

    public RefreshedSession {
        Objects.requireNonNull(session, "session");
        Objects.requireNonNull(sessionJwt, "sessionJwt");
        Objects.requireNonNull(refreshJwt, "refreshJwt");
    }

    @Override
    public String toString() {
        return "RefreshedSession[session=" + session + ", sessionJwt=<redacted>, refreshJwt=<redacted>"
                + ", refreshJwtRotated=" + refreshJwtRotated + ", cookieDomain=" + cookieDomain
                + ", cookiePath=" + cookiePath + ", cookieMaxAge=" + cookieMaxAge
                + ", cookieExpiration=" + cookieExpiration + "]";
    }
}
