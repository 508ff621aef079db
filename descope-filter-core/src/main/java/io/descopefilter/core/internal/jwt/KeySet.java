package io.descopefilter.core.internal.jwt;

import io.descopefilter.core.SessionValidatorConfig;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyOperation;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.JSONObjectUtils;

import java.lang.System.Logger.Level;
import java.text.ParseException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * An immutable snapshot of the project's trusted signing keys, by {@code kid}, with the times that govern it.
 *
 * <p>Only RSA keys of at least 2048 bits meant for signatures ({@code use} absent or {@code sig}) with an
 * {@code alg} that is absent or allowed are trusted; every other key is ignored, and so are all keys sharing a
 * {@code kid} (an ambiguous key is no key).
 */
final class KeySet {

    private static final int MIN_RSA_BITS = 2048;
    private static final System.Logger LOG = System.getLogger(KeySet.class.getName());

    private final Map<String, VerificationKey> byKid;
    final long fetchedAt;
    /** From here on a background refetch is due. */
    final long refreshAt;
    /** Past the TTL: still served, but only while fetches fail, up to {@link #usableUntil}. */
    final long expiresAt;
    /** After this the set is not trusted any more: validation fails closed. */
    final long usableUntil;

    private KeySet(Map<String, VerificationKey> byKid, long fetchedAt, SessionValidatorConfig config) {
        this.byKid = Map.copyOf(byKid);
        this.fetchedAt = fetchedAt;
        this.expiresAt = fetchedAt + config.keySetTtl().toMillis();
        this.refreshAt = expiresAt - config.keySetRefreshAhead().toMillis();
        this.usableUntil = expiresAt + config.outageTolerance().toMillis();
    }

    VerificationKey get(String kid) {
        return byKid.get(kid);
    }

    int size() {
        return byKid.size();
    }

    /** The key IDs, to tell a rotation from a plain refetch. */
    java.util.Set<String> kids() {
        return byKid.keySet();
    }

    /**
     * Parses a JWKS document. Keys unchanged since {@code previous} keep their instances, so verified-token cache
     * entries made with them stay valid.
     *
     * @throws ParseException if the document is not a JWKS or holds no usable key (the caller keeps its last good set)
     */
    static KeySet parse(String json, KeySet previous, long fetchedAt, SessionValidatorConfig config)
            throws ParseException {
        Map<String, Object>[] jwks = JSONObjectUtils.getJSONObjectArray(JSONObjectUtils.parse(json), "keys");
        if (jwks == null) {
            throw new ParseException("the key set has no \"keys\" array", 0);
        }
        Map<String, VerificationKey> trusted = new HashMap<>();
        Set<String> duplicated = new HashSet<>();
        int ignored = 0;
        for (Map<String, Object> jwk : jwks) {
            VerificationKey key = trustedKeyOrNull(jwk, config.allowedAlgorithms());
            if (key == null) {
                ignored++;
            } else if (trusted.putIfAbsent(key.kid(), key) != null) {
                duplicated.add(key.kid());
            }
        }
        for (String kid : duplicated) {
            trusted.remove(kid);
        }
        if (ignored > 0 || !duplicated.isEmpty()) {
            LOG.log(Level.WARNING, "Ignored {0} unusable and {1} duplicated keys in the Descope key set",
                    ignored, duplicated.size());
        }
        if (trusted.isEmpty()) {
            throw new ParseException("the key set holds no usable signing key", 0);
        }
        if (previous != null) {
            trusted.replaceAll((kid, key) -> {
                VerificationKey old = previous.get(kid);
                return old != null && old.sameAs(key) ? old : key;
            });
        }
        return new KeySet(trusted, fetchedAt, config);
    }

    private static VerificationKey trustedKeyOrNull(Map<String, Object> json, Set<JWSAlgorithm> allowed) {
        try {
            if (!(JWK.parse(json) instanceof RSAKey rsa)) {
                return null;
            }
            String kid = rsa.getKeyID();
            boolean usable = kid != null && !kid.isBlank() && kid.length() <= VerificationKey.MAX_KID_LENGTH
                    && (rsa.getKeyUse() == null || KeyUse.SIGNATURE.equals(rsa.getKeyUse()))
                    && (rsa.getKeyOperations() == null || rsa.getKeyOperations().contains(KeyOperation.VERIFY))
                    && (rsa.getAlgorithm() == null || allowed.contains(JWSAlgorithm.parse(rsa.getAlgorithm().getName())))
                    && rsa.size() >= MIN_RSA_BITS;
            return usable ? new VerificationKey(rsa) : null;
        } catch (Exception e) {
            return null;
        }
    }
}
