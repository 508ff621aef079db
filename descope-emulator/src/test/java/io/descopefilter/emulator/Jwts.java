package io.descopefilter.emulator;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/** Verifies emulator JWTs the way a relying party does: signature against the served JWKS, then claims. */
final class Jwts {

    private Jwts() {
    }

    static SignedJWT verified(EmulatorClient client, String jwt) throws Exception {
        Reply keys = client.get("/v2/keys/" + TestEmulators.PROJECT_ID, client.project());
        JWKSet set = JWKSet.parse(keys.body());
        SignedJWT parsed = SignedJWT.parse(jwt);
        if (!JWSAlgorithm.RS256.equals(parsed.getHeader().getAlgorithm())) {
            throw new AssertionError("not RS256");
        }
        RSAKey key = (RSAKey) set.getKeyByKeyId(parsed.getHeader().getKeyID());
        if (key == null || !parsed.verify(new RSASSAVerifier(key))) {
            throw new AssertionError("signature does not verify against the served JWKS");
        }
        return parsed;
    }

    static JWTClaimsSet claims(EmulatorClient client, String jwt) throws Exception {
        return verified(client, jwt).getJWTClaimsSet();
    }
}
