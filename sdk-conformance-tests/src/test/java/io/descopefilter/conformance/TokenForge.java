package io.descopefilter.conformance;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.text.ParseException;
import java.time.Instant;
import java.util.Date;

/** Re-signs real emulator tokens with altered claims or keys, to show what the SDK accepts and refuses. */
final class TokenForge {

    private TokenForge() {
    }

    static String keyIdOf(String jwt) {
        try {
            return SignedJWT.parse(jwt).getHeader().getKeyID();
        } catch (ParseException e) {
            throw new AssertionError("not a signed JWT", e);
        }
    }

    /** The same token, expired a minute ago, properly signed with the given key. */
    static String expiredCopy(String jwt, RSAKey signingKey) {
        Instant now = Instant.now();
        JWTClaimsSet claims = new JWTClaimsSet.Builder(claimsOf(jwt))
                .issueTime(Date.from(now.minusSeconds(660)))
                .expirationTime(Date.from(now.minusSeconds(60)))
                .build();
        return sign(claims, signingKey, signingKey.getKeyID());
    }

    /** The same token and kid, signed by a freshly generated key that no JWKS ever published. */
    static String copySignedByUnpublishedKey(String jwt) {
        try {
            RSAKey impostor = new RSAKeyGenerator(2048).generate();
            return sign(claimsOf(jwt), impostor, keyIdOf(jwt));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JWTClaimsSet claimsOf(String jwt) {
        try {
            return SignedJWT.parse(jwt).getJWTClaimsSet();
        } catch (ParseException e) {
            throw new AssertionError("not a signed JWT", e);
        }
    }

    private static String sign(JWTClaimsSet claims, RSAKey key, String keyId) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(keyId).build(), claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
