package io.descopefilter.benchmarks;

import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.SignedJWT;
import io.descopefilter.core.session.SessionValidator;
import io.descopefilter.core.session.SessionValidatorConfig;
import io.descopefilter.core.session.ValidationResult;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * Validating one Descope session JWT, four ways, on the same token and key:
 * (a) our validator with a warm verified-token cache, (b) our validator with the cache off (full RS256 check),
 * (c) bare nimbus parse + RSASSAVerifier, the floor, (d) the official Descope Java SDK 1.0.63.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class SessionValidationBenchmark {

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
        // Warm every path (key sets fetched, caches filled) and prove each one accepts the token.
        require(cached.validateSession(sessionJwt).isValid(), "cached");
        require(uncached.validateSession(sessionJwt).isValid(), "uncached");
        require(nimbusParseAndVerify(), "nimbus");
        require(descopeSdk() != null, "sdk");
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        project.close();
    }

    /** (a) The hot path of a repeat request: the same String instance, so its hash code is already cached. */
    @Benchmark
    public ValidationResult ourValidationCached() {
        return cached.validateSession(sessionJwt);
    }

    /**
     * (a') The hot path as a servlet sees it: the token arrives as a new String per request (decoded from the
     * cookie header's bytes), so nothing about it is precomputed. Includes making that String.
     */
    @Benchmark
    public ValidationResult ourValidationCachedFreshString() {
        return cached.validateSession(new String(sessionJwtBytes, StandardCharsets.ISO_8859_1));
    }

    /** (b) A first request: full parse, RS256 verification and claim checks. */
    @Benchmark
    public ValidationResult ourValidationUncached() {
        return uncached.validateSession(sessionJwt);
    }

    /** (c) The floor: nimbus parse and RS256 verification, no claim checks at all. */
    @Benchmark
    public boolean nimbusParseAndVerify() throws Exception {
        return SignedJWT.parse(sessionJwt).verify(floorVerifier);
    }

    /** (d) The peer: the official SDK's local validation (jjwt, cached keys). */
    @Benchmark
    public com.descope.model.jwt.Token descopeSdk() {
        return project.sdk.validateSessionWithToken(sessionJwt);
    }

    private static void require(boolean ok, String what) {
        if (!ok) {
            throw new IllegalStateException(what + " did not accept the session JWT");
        }
    }
}
