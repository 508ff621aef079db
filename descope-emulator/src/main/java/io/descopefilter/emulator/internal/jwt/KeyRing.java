package io.descopefilter.emulator.internal.jwt;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import io.descopefilter.emulator.internal.store.RandomIds;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The signing key and the published key set. Rotation keeps old public keys published (tokens they signed still
 * verify) until they are retired; tests may publish arbitrary extra keys.
 */
public final class KeyRing {

    private RSAKey signingKey;
    private final Map<String, JWK> published = new LinkedHashMap<>();

    public KeyRing() {
        rotate();
    }

    /** The current private signing key. */
    public synchronized RSAKey signingKey() {
        return signingKey;
    }

    /** Starts signing with a fresh RSA-2048 key under a new {@code kid}; returns that kid. */
    public synchronized String rotate() {
        signingKey = generate();
        published.put(signingKey.getKeyID(), signingKey.toPublicJWK());
        return signingKey.getKeyID();
    }

    /** Unpublishes every key except the current signing key. */
    public synchronized void retireOldKeys() {
        published.clear();
        published.put(signingKey.getKeyID(), signingKey.toPublicJWK());
    }

    public synchronized void publish(JWK key) {
        if (key.getKeyID() == null) {
            throw new IllegalArgumentException("a published key needs a kid");
        }
        JWK publicPart = key.isPrivate() ? key.toPublicJWK() : key;
        published.put(key.getKeyID(), publicPart);
    }

    public synchronized void unpublish(String kid) {
        published.remove(kid);
    }

    /** The JWKS document (public parts only). */
    public synchronized JWKSet publicKeySet() {
        return new JWKSet(new ArrayList<>(published.values()));
    }

    /** A published RSA key by kid, for verifying tokens presented back to the emulator. */
    public synchronized Optional<RSAKey> publishedRsaKey(String kid) {
        JWK key = kid == null ? null : published.get(kid);
        return key instanceof RSAKey rsa ? Optional.of(rsa) : Optional.empty();
    }

    private static RSAKey generate() {
        try {
            return new RSAKeyGenerator(2048)
                    .keyID(RandomIds.keyId())
                    .keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.RS256)
                    .generate();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot generate an RSA key", e);
        }
    }
}
