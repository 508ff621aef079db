package io.descopefilter.core.internal.jwt;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.RSAKey;

import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.SignatureException;
import java.security.interfaces.RSAPublicKey;
import java.util.Map;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * One trusted RSA public key from the project's key set, and the JCA {@link Signature} objects that verify with it.
 *
 * <p>A {@code Signature} is not thread-safe, and making one ({@code getInstance}, a provider lookup) and keying it
 * ({@code initVerify}) cost about a third as much as the RS256 verification itself. So each key keeps the ones it
 * made in a lock-free queue per algorithm: a verification takes one (or makes one when all are in use) and gives
 * it back, already keyed, since {@code verify} leaves it ready for the next message. The queues never hold more
 * objects than there were verifications at once, and they go with the key when a refetched set drops it.
 */
public final class VerificationKey {

    /** Longest {@code kid} trusted in a key set or looked up for a token. */
    public static final int MAX_KID_LENGTH = 256;

    private final String kid;
    private final JWSAlgorithm algorithm;
    private final RSAPublicKey publicKey;
    private final Map<JWSAlgorithm, Queue<Signature>> idle = Map.of(
            JWSAlgorithm.RS256, new ConcurrentLinkedQueue<>(),
            JWSAlgorithm.RS384, new ConcurrentLinkedQueue<>(),
            JWSAlgorithm.RS512, new ConcurrentLinkedQueue<>());

    VerificationKey(RSAKey jwk) throws JOSEException {
        this.kid = jwk.getKeyID();
        this.algorithm = jwk.getAlgorithm() == null ? null : JWSAlgorithm.parse(jwk.getAlgorithm().getName());
        this.publicKey = jwk.toRSAPublicKey();
    }

    public String kid() {
        return kid;
    }

    /**
     * Whether {@code signature} is a valid {@code alg} (RS256, RS384 or RS512) signature of {@code signingInput}
     * under this key; a signature of the wrong length is simply invalid.
     *
     * @throws GeneralSecurityException when the platform cannot verify {@code alg} with this key at all
     * @throws IllegalArgumentException for any other algorithm
     */
    public boolean verify(JWSAlgorithm alg, byte[] signingInput, byte[] signature) throws GeneralSecurityException {
        Queue<Signature> pool = idle.get(alg);
        if (pool == null) {
            throw new IllegalArgumentException("not an RSA PKCS#1 v1.5 algorithm: " + alg);
        }
        Signature verifier = pool.poll();
        if (verifier == null) {
            verifier = Signature.getInstance(jcaName(alg));
            verifier.initVerify(publicKey);
        }
        boolean valid;
        try {
            verifier.update(signingInput);
            valid = verifier.verify(signature);
        } catch (SignatureException malformed) {
            // e.g. a signature longer than the modulus; the object is not given back, whatever state it is in
            return false;
        }
        pool.offer(verifier);
        return valid;
    }

    private static String jcaName(JWSAlgorithm alg) {
        return "SHA" + alg.getName().substring(2) + "withRSA";
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
