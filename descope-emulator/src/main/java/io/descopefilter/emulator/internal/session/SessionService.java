package io.descopefilter.emulator.internal.session;

import io.descopefilter.emulator.internal.http.ApiException;
import io.descopefilter.emulator.internal.http.ErrorCode;
import io.descopefilter.emulator.internal.jwt.IssuedTokens;
import io.descopefilter.emulator.internal.jwt.RefreshToken;
import io.descopefilter.emulator.internal.jwt.TokenIssuer;
import io.descopefilter.emulator.internal.store.StoredUser;
import io.descopefilter.emulator.internal.store.UserStore;
import io.descopefilter.emulator.internal.wire.JwtResponseBody;
import io.descopefilter.emulator.internal.wire.ResponseUser;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** Turns completed logins into JWT responses and implements refresh, logout and logout-all. */
public final class SessionService {

    private final UserStore users;
    private final TokenIssuer issuer;
    private final RefreshRevocations revocations;
    private final Clock clock;
    private final boolean refreshTokenRotation;

    public SessionService(UserStore users, TokenIssuer issuer, RefreshRevocations revocations, Clock clock,
                          boolean refreshTokenRotation) {
        this.users = users;
        this.issuer = issuer;
        this.revocations = revocations;
        this.clock = clock;
        this.refreshTokenRotation = refreshTokenRotation;
    }

    /** A new session for a completed login; {@code firstSeen} is true on the user's first login. */
    public JwtResponseBody login(SessionGrant grant) {
        StoredUser before = user(grant.userId());
        if (grant.revokeOtherSessions()) {
            revocations.revokeAll(grant.userId());
        }
        StoredUser user = users.update(before.userId(), StoredUser::loggedIn);
        IssuedTokens tokens = issuePair(grant, user);
        boolean firstSeen = !before.loggedInBefore();
        return body(tokens.sessionJwt(), tokens.refreshJwt(), tokens.refreshExpiresAt(), firstSeen, user);
    }

    /** A test shortcut: a session pair without a link. */
    public IssuedTokens issue(SessionGrant grant) {
        return issuePair(grant, user(grant.userId()));
    }

    /**
     * A new session JWT. With rotation the old refresh JWT is revoked and a new one returned; without, the
     * {@code refreshJwt} field is left out and the caller keeps using its refresh JWT.
     */
    public JwtResponseBody refresh(RefreshToken refreshToken) {
        StoredUser user = user(refreshToken.userId());
        if (refreshTokenRotation) {
            revocations.revoke(refreshToken.jti(), refreshToken.expiresAt());
            IssuedTokens tokens = issuePair(refreshToken.grant(), user);
            return body(tokens.sessionJwt(), tokens.refreshJwt(), tokens.refreshExpiresAt(), false, user);
        }
        String sessionJwt = issuer.issueSession(refreshToken.grant(), user);
        return body(sessionJwt, null, refreshToken.expiresAt(), false, user);
    }

    /**
     * {@code /v1/auth/tenant/select}: a new session and refresh JWT whose {@code dct} is the tenant, which must be
     * one of the user's (400 E011004). With rotation the presented refresh JWT is revoked, as on refresh.
     */
    public JwtResponseBody selectTenant(RefreshToken refreshToken, String tenantId) {
        StoredUser user = user(refreshToken.userId());
        if (user.tenant(tenantId).isEmpty()) {
            throw new ApiException(ErrorCode.INVALID_ARGUMENT, "The user is not a member of the requested tenant");
        }
        if (refreshTokenRotation) {
            revocations.revoke(refreshToken.jti(), refreshToken.expiresAt());
        }
        IssuedTokens tokens = issuePair(refreshToken.grant().withTenant(tenantId), user);
        return body(tokens.sessionJwt(), tokens.refreshJwt(), tokens.refreshExpiresAt(), false, user);
    }

    public JwtResponseBody logout(RefreshToken refreshToken) {
        revocations.revoke(refreshToken.jti(), refreshToken.expiresAt());
        return JwtResponseBody.empty();
    }

    public JwtResponseBody logoutAll(RefreshToken refreshToken) {
        revocations.revoke(refreshToken.jti(), refreshToken.expiresAt());
        revocations.revokeAll(refreshToken.userId());
        return JwtResponseBody.empty();
    }

    /** How many of the user's refresh JWTs are neither revoked nor expired. */
    public int liveRefreshTokens(String userId) {
        return revocations.liveCount(userId);
    }

    public ResponseUser me(RefreshToken refreshToken) {
        return ResponseUser.of(user(refreshToken.userId()));
    }

    private IssuedTokens issuePair(SessionGrant grant, StoredUser user) {
        IssuedTokens tokens = issuer.issuePair(grant, user);
        revocations.track(user.userId(), tokens.refreshJti(), tokens.refreshExpiresAt());
        return tokens;
    }

    private StoredUser user(String userId) {
        return users.byId(userId)
                .orElseThrow(() -> new ApiException(ErrorCode.INVALID_REFRESH_TOKEN, "The user no longer exists"));
    }

    private JwtResponseBody body(String sessionJwt, String refreshJwt, Instant refreshExpiresAt, boolean firstSeen,
                                 StoredUser user) {
        long maxAge = Math.max(0, Duration.between(clock.instant(), refreshExpiresAt).getSeconds());
        return new JwtResponseBody(sessionJwt, refreshJwt, "", "/", maxAge, refreshExpiresAt.getEpochSecond(),
                firstSeen, ResponseUser.of(user));
    }
}
