package io.descopefilter.it.support;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Re-signs real emulator tokens with changed claims, using the emulator's own signing key: an expired copy of a
 * session JWT stands in for "the session JWT expired" without waiting for it.
 */
public final class TokenForge {

    private TokenForge() {
    }

    /** The same token, validly signed, whose {@code exp} lies {@code ago} in the past. */
    public static String expired(String jwt, RSAKey signingKey, Duration ago) {
        Instant now = Instant.now();
        return resigned(jwt, signingKey, claims -> new JWTClaimsSet.Builder(claims)
                .issueTime(Date.from(now.minus(ago).minus(Duration.ofMinutes(10))))
                .expirationTime(Date.from(now.minus(ago)))
                .build());
    }

    /** The same token, validly signed, with extra or replaced claims. */
    public static String withClaims(String jwt, RSAKey signingKey, Map<String, Object> changes) {
        return resigned(jwt, signingKey, claims -> {
            JWTClaimsSet.Builder builder = new JWTClaimsSet.Builder(claims);
            changes.forEach(builder::claim);
            return builder.build();
        });
    }

    public static Map<String, Object> claims(String jwt) {
        try {
            return SignedJWT.parse(jwt).getJWTClaimsSet().getClaims();
        } catch (ParseException e) {
            throw new IllegalArgumentException("not a JWT", e);
        }
    }

    private static String resigned(String jwt, RSAKey signingKey, UnaryOperator<JWTClaimsSet> change) {
        try {
            SignedJWT original = SignedJWT.parse(jwt);
            JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(signingKey.getKeyID())
                    .type(original.getHeader().getType()).build();
            SignedJWT forged = new SignedJWT(header, change.apply(original.getJWTClaimsSet()));
            forged.sign(new RSASSASigner(signingKey));
            return forged.serialize();
        } catch (ParseException | JOSEException e) {
            throw new IllegalStateException("cannot re-sign a token", e);
        }
    }
}
