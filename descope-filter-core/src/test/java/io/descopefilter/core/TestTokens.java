package io.descopefilter.core;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jose.util.JSONObjectUtils;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import io.descopefilter.testsupport.Emulators;

/**
 * Builds compact JWS tokens from header and claim maps (or raw JSON), signed with the JCA directly so tests can
 * sign anything, including JSON no library would emit.
 */
final class TestTokens {

    static final String PROJECT_ID = Emulators.PROJECT_ID;

    private final Map<String, Object> header = new LinkedHashMap<>();
    private final Map<String, Object> claims = new LinkedHashMap<>();

    private TestTokens(String kid, TokenKind kind, Instant now) {
        header.put("alg", "RS256");
        header.put("kid", kid);
        header.put("typ", "JWT");
        claims.put("iss", PROJECT_ID);
        claims.put("sub", "U2Cu0j0WPw3YOiPISJb52L0wUVMg");
        claims.put("drn", kind.drn());
        claims.put("amr", List.of("email"));
        claims.put("iat", now.getEpochSecond());
        claims.put("exp", now.plusSeconds(600).getEpochSecond());
    }

    /** A valid session JWT's header and claims, for the key with this kid, issued at {@code now}. */
    static TestTokens session(RSAKey key, Instant now) {
        return new TestTokens(key.getKeyID(), TokenKind.SESSION, now);
    }

    static TestTokens refresh(RSAKey key, Instant now) {
        return new TestTokens(key.getKeyID(), TokenKind.REFRESH, now);
    }

    TestTokens header(String name, Object value) {
        header.put(name, value);
        return this;
    }

    TestTokens claim(String name, Object value) {
        claims.put(name, value);
        return this;
    }

    TestTokens withoutHeader(String name) {
        header.remove(name);
        return this;
    }

    TestTokens without(String name) {
        claims.remove(name);
        return this;
    }

    /** Signed with the JCA algorithm the header's {@code alg} names (RS256/384/512). */
    String signedWith(RSAKey key) {
        return signRaw(key, JSONObjectUtils.toJSONString(header), JSONObjectUtils.toJSONString(claims));
    }

    String headerJson() {
        return JSONObjectUtils.toJSONString(header);
    }

    String claimsJson() {
        return JSONObjectUtils.toJSONString(claims);
    }

    /** Signs exactly this header and payload text with RS256/384/512 as the header's alg says (RS256 if unknown). */
    static String signRaw(RSAKey key, String headerJson, String payloadJson) {
        String signingInput = b64(headerJson) + "." + b64(payloadJson);
        String jca = headerJson.contains("\"RS512\"") ? "SHA512withRSA"
                : headerJson.contains("\"RS384\"") ? "SHA384withRSA" : "SHA256withRSA";
        try {
            Signature signature = Signature.getInstance(jca);
            signature.initSign(key.toRSAPrivateKey());
            signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + Base64URL.encode(signature.sign());
        } catch (GeneralSecurityException | JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    static String b64(String json) {
        return Base64URL.encode(json.getBytes(StandardCharsets.UTF_8)).toString();
    }
}
