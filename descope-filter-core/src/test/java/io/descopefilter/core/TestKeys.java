package io.descopefilter.core;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;

import java.util.Arrays;
import java.util.stream.Collectors;

/** RSA keys made once per test run (generation is slow) and JWKS documents built from them. */
final class TestKeys {

    static final RSAKey SIGNING = rsa("test-signing-key");
    static final RSAKey OTHER = rsa("test-other-key");
    static final RSAKey ATTACKER = rsa("attacker-key");

    private TestKeys() {
    }

    static RSAKey rsa(String kid) {
        try {
            return new RSAKeyGenerator(2048).keyID(kid).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS256).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A JWKS document with the public parts of these keys. */
    static String jwks(JWK... keys) {
        return new JWKSet(Arrays.stream(keys).map(JWK::toPublicJWK).collect(Collectors.toList())).toString();
    }
}
