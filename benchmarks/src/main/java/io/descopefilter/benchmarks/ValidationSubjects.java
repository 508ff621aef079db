package io.descopefilter.benchmarks;

import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.SignedJWT;
import io.descopefilter.core.SessionValidator;
import io.descopefilter.core.SessionValidatorConfig;
import io.descopefilter.core.ValidationResult;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.nio.charset.StandardCharsets;

/**
 * The four ways of validating one Descope session JWT, set up on the same token and key:
 * (a) our validator with a warm verified-token cache, (b) our validator with the cache off (full RS256 check),
 * (c) bare nimbus parse + RSASSAVerifier, the floor, (d) the official Descope Java SDK 1.0.63.
 */
@State(Scope.Benchmark)
public class ValidationSubjects {

    private EmulatedProject project;
    private String sessionJwt;
    private byte[] sessionJwtBytes;
    private SessionValidator cached;
    private SessionValidator uncached;
    private RSASSAVerifier floorVerifier;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        project = new EmulatedProject();
        sessionJwt = project.tokens.sessionJwt();
        sessionJwtBytes = sessionJwt.getBytes(StandardCharsets.ISO_8859_1);
        SessionValidatorConfig.Builder config = SessionValidatorConfig.builder(EmulatedProject.PROJECT_ID);
        cached = SessionValidator.create(config.build(), project.client::fetchKeySetJson);
        uncached = SessionValidator.create(config.verifiedTokenCacheSize(0).build(), project.client::fetchKeySetJson);
        floorVerifier = new RSASSAVerifier(project.emulator.signingKey().toRSAPublicKey());
        // Warm every path (key sets fetched, cache filled) and prove each one accepts the token.
        require(ourCached().isValid(), "cached");
        require(ourUncached().isValid(), "uncached");
        require(nimbus(), "nimbus");
        require(sdk() != null, "sdk");
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        cached.close();
        uncached.close();
        project.close();
    }

    ValidationResult ourCached() {
        return cached.validateSession(sessionJwt);
    }

    /** As a servlet sees it: a new String per request, decoded from the cookie header's bytes. */
    ValidationResult ourCachedFreshString() {
        return cached.validateSession(new String(sessionJwtBytes, StandardCharsets.ISO_8859_1));
    }

    ValidationResult ourUncached() {
        return uncached.validateSession(sessionJwt);
    }

    boolean nimbus() throws Exception {
        return SignedJWT.parse(sessionJwt).verify(floorVerifier);
    }

    com.descope.model.jwt.Token sdk() {
        return project.sdk.validateSessionWithToken(sessionJwt);
    }

    private static void require(boolean ok, String what) {
        if (!ok) {
            throw new IllegalStateException(what + " did not accept the session JWT");
        }
    }
}
