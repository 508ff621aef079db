package io.descopefilter.emulator.internal.jwt;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.descopefilter.emulator.internal.http.ApiException;
import io.descopefilter.emulator.internal.http.ErrorCode;
import io.descopefilter.emulator.internal.session.RefreshRevocations;
import io.descopefilter.emulator.internal.session.SessionGrant;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Accepts only refresh JWTs of this emulator: RS256 signed by a published key, issuer = project ID, {@code drn}
 * DSR, not expired (by the emulator clock), with a {@code jti} that is not revoked. Everything else fails closed.
 */
public final class RefreshTokenVerifier {

    private static final int MAX_TOKEN_LENGTH = 16 * 1024;

    private final String projectId;
    private final KeyRing keys;
    private final RefreshRevocations revocations;
    private final Clock clock;

    public RefreshTokenVerifier(String projectId, KeyRing keys, RefreshRevocations revocations, Clock clock) {
        this.projectId = projectId;
        this.keys = keys;
        this.revocations = revocations;
        this.clock = clock;
    }

    public RefreshToken verify(String token) {
        JWTClaimsSet claims = verifiedClaims(token);
        try {
            String jti = claims.getJWTID();
            Date expiry = claims.getExpirationTime();
            boolean refreshKind = ClaimNames.REFRESH_DRN.equals(claims.getStringClaim(ClaimNames.DRN));
            if (!projectId.equals(claims.getIssuer()) || !refreshKind || isBlank(claims.getSubject()) || isBlank(jti)
                    || expiry == null) {
                throw invalid("Not a refresh token of this project");
            }
            Instant expiresAt = expiry.toInstant();
            if (!clock.instant().isBefore(expiresAt)) {
                throw invalid("Refresh token expired");
            }
            if (revocations.isRevoked(jti)) {
                throw new ApiException(ErrorCode.REFRESH_TOKEN_LOGGED_OUT, "Refresh token was revoked");
            }
            return new RefreshToken(jti, expiresAt, grantOf(claims));
        } catch (ParseException e) {
            throw invalid("Malformed refresh token claims");
        }
    }

    private JWTClaimsSet verifiedClaims(String token) {
        if (token == null || token.isBlank() || token.length() > MAX_TOKEN_LENGTH) {
            throw invalid("Missing or oversized refresh token");
        }
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            if (!JWSAlgorithm.RS256.equals(jwt.getHeader().getAlgorithm())) {
                throw invalid("Unexpected algorithm");
            }
            Optional<RSAKey> key = keys.publishedRsaKey(jwt.getHeader().getKeyID());
            if (key.isEmpty() || !jwt.verify(new RSASSAVerifier(key.get()))) {
                throw invalid("Refresh token signature does not verify");
            }
            return jwt.getJWTClaimsSet();
        } catch (ParseException | JOSEException | IllegalArgumentException e) {
            throw invalid("Malformed refresh token");
        }
    }

    private static SessionGrant grantOf(JWTClaimsSet claims) throws ParseException {
        List<String> amr = claims.getStringListClaim(ClaimNames.AMR);
        Map<String, Object> custom = new LinkedHashMap<>();
        claims.getClaims().forEach((name, value) -> {
            if (!ClaimNames.RESERVED.contains(name) && value != null) {
                custom.put(name, value);
            }
        });
        return new SessionGrant(claims.getSubject(), amr == null ? List.of() : amr, custom,
                claims.getStringClaim(ClaimNames.CURRENT_TENANT),
                Boolean.TRUE.equals(claims.getClaim(ClaimNames.STEP_UP)), false);
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }

    private static ApiException invalid(String message) {
        return new ApiException(ErrorCode.INVALID_REFRESH_TOKEN, message);
    }
}
