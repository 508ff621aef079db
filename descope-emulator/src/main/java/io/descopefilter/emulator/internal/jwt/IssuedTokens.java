package io.descopefilter.emulator.internal.jwt;

import java.time.Instant;

/** A freshly signed session JWT, optionally with a refresh JWT (its jti and expiry kept for revocation). */
public record IssuedTokens(String sessionJwt, String refreshJwt, String refreshJti, Instant refreshExpiresAt) {

    @Override
    public String toString() {
        return "IssuedTokens[sessionJwt=***, refreshJwt=***, refreshExpiresAt=" + refreshExpiresAt + "]";
    }
}
