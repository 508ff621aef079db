package io.descopefilter.emulator.internal.jwt;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.descopefilter.emulator.EmulatorUser;
import io.descopefilter.emulator.internal.session.SessionGrant;
import io.descopefilter.emulator.internal.store.RandomIds;
import io.descopefilter.emulator.internal.store.StoredUser;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Signs Descope-shaped session ({@code drn: DS}) and refresh ({@code drn: DSR}) JWTs with RS256. */
public final class TokenIssuer {

    private final String projectId;
    private final KeyRing keys;
    private final Clock clock;
    private final Duration sessionTtl;
    private final Duration refreshTtl;

    public TokenIssuer(String projectId, KeyRing keys, Clock clock, Duration sessionTtl, Duration refreshTtl) {
        this.projectId = projectId;
        this.keys = keys;
        this.clock = clock;
        this.sessionTtl = sessionTtl;
        this.refreshTtl = refreshTtl;
    }

    /** A new session JWT and a new refresh JWT. */
    public IssuedTokens issuePair(SessionGrant grant, StoredUser user) {
        Instant now = now();
        String refreshJti = RandomIds.jwtId();
        Instant refreshExpiresAt = now.plus(refreshTtl);
        JWTClaimsSet refreshClaims = base(grant, now, refreshExpiresAt, refreshJti)
                .claim(ClaimNames.DRN, ClaimNames.REFRESH_DRN)
                .build();
        return new IssuedTokens(sessionJwt(grant, user, now), sign(refreshClaims), refreshJti, refreshExpiresAt);
    }

    /** A new session JWT only (refresh without rotation). */
    public String issueSession(SessionGrant grant, StoredUser user) {
        return sessionJwt(grant, user, now());
    }

    private String sessionJwt(SessionGrant grant, StoredUser user, Instant now) {
        JWTClaimsSet.Builder claims = base(grant, now, now.plus(sessionTtl), RandomIds.jwtId())
                .claim(ClaimNames.DRN, ClaimNames.SESSION_DRN)
                .claim(ClaimNames.ROLES, user.roleNames())
                .claim(ClaimNames.PERMISSIONS, user.permissions());
        if (!user.tenants().isEmpty()) {
            claims.claim(ClaimNames.TENANTS, tenantsClaim(user.tenants()));
        }
        return sign(claims.build());
    }

    private JWTClaimsSet.Builder base(SessionGrant grant, Instant now, Instant expiresAt, String jti) {
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder();
        grant.customClaims().forEach((name, value) -> {
            if (!ClaimNames.RESERVED.contains(name)) {
                claims.claim(name, value);
            }
        });
        claims.issuer(projectId)
                .subject(grant.userId())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(expiresAt))
                .jwtID(jti)
                .claim(ClaimNames.AMR, grant.amr());
        if (grant.tenantId() != null) {
            claims.claim(ClaimNames.CURRENT_TENANT, grant.tenantId());
        }
        if (grant.stepup()) {
            claims.claim(ClaimNames.STEP_UP, true);
        }
        return claims;
    }

    private static Map<String, Object> tenantsClaim(List<EmulatorUser.Tenant> tenants) {
        Map<String, Object> claim = new LinkedHashMap<>();
        for (EmulatorUser.Tenant tenant : tenants) {
            claim.put(tenant.tenantId(), Map.of(ClaimNames.ROLES, tenant.roleNames(),
                    ClaimNames.PERMISSIONS, tenant.permissions()));
        }
        return claim;
    }

    private String sign(JWTClaimsSet claims) {
        RSAKey key = keys.signingKey();
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.RS256)
                .keyID(key.getKeyID())
                .type(JOSEObjectType.JWT)
                .build();
        SignedJWT jwt = new SignedJWT(header, claims);
        try {
            jwt.sign(new RSASSASigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign a JWT", e);
        }
        return jwt.serialize();
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.SECONDS);
    }
}
