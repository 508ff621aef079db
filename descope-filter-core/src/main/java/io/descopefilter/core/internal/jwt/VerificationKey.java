package io.descopefilter.core.internal.jwt;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.RSAKey;

import java.security.interfaces.RSAPublicKey;
import java.util.Objects;

/**
 * One trusted RSA public key from the project's key set, with its verifier built once (verifiers are stateless
 * and thread-safe, so the hot path allocates none).
 */
public final class VerificationKey {

    /** Longest {@code kid} trusted in a key set or looked up for a token. */
    public static final int MAX_KID_LENGTH = 256;

    private final String kid;
    private final JWSAlgorithm algorithm;
    private final RSAPublicKey publicKey;
    private final RSASSAVerifier verifier;

    VerificationKey(RSAKey jwk) throws JOSEException {
        this.kid = jwk.getKeyID();
        this.algorithm = jwk.getAlgorithm() == null ? null : JWSAlgorithm.parse(jwk.getAlgorithm().getName());
        this.publicKey = jwk.toRSAPublicKey();
        this.verifier = new RSASSAVerifier(publicKey);
    }

    public String kid() {
        return kid;
    }

    public RSASSAVerifier verifier() {
        return verifier;
    }

    /** A key published with an {@code alg} may only verify tokens of that algorithm. */
    public boolean permits(JWSAlgorithm headerAlgorithm) {
        return algorithm == null || algorithm.equals(headerAlgorithm);
    }

    /** Same kid, algorithm and key material: lets a refetched set keep the instances (and cache entries) it had. */
    boolean sameAs(VerificationKey other) {
        return kid.equals(other.kid)
                && Objects.equals(algorithm, other.algorithm)
                && publicKey.getModulus().equals(other.publicKey.getModulus())
                && publicKey.getPublicExponent().equals(other.publicKey.getPublicExponent());
    }
}
