package io.descopefilter.emulator.internal.jwt;

import io.descopefilter.emulator.internal.session.SessionGrant;
import java.time.Instant;

/** A verified refresh JWT: its ID, expiry and the login grant it carries. */
public record RefreshToken(String jti, Instant expiresAt, SessionGrant grant) {

    public String userId() {
        return grant.userId();
    }
}
