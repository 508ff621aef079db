package io.descopefilter.core;

import io.descopefilter.core.internal.http.Redaction;

/**
 * A session handed out by Descope (contract §5): returned by magic link verify, enchanted link polling and refresh.
 *
 * <p>{@code refreshJwt} may be {@code null} on refresh when Descope does not rotate refresh tokens: keep the old
 * one. {@link #toString()} never shows the JWTs.
 */
public record JwtResponse(
        String sessionJwt,
        String refreshJwt,
        String cookieDomain,
        String cookiePath,
        int cookieMaxAge,
        long cookieExpiration,
        boolean firstSeen,
        DescopeUser user) {

    @Override
    public String toString() {
        return "JwtResponse[sessionJwt=" + Redaction.mask(sessionJwt)
                + ", refreshJwt=" + Redaction.mask(refreshJwt)
                + ", cookieDomain=" + cookieDomain
                + ", cookiePath=" + cookiePath
                + ", cookieMaxAge=" + cookieMaxAge
                + ", cookieExpiration=" + cookieExpiration
                + ", firstSeen=" + firstSeen
                + ", user=" + user + "]";
    }
}
