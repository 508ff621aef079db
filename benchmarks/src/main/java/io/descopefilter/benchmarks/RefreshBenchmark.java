package io.descopefilter.benchmarks;

import io.descopefilter.core.RefreshResult;
import io.descopefilter.core.SessionRefresher;
import io.descopefilter.core.SessionValidator;
import io.descopefilter.core.SessionValidatorConfig;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Refreshing a session against the emulator over loopback HTTP: validate the refresh JWT, {@code POST
 * /v1/auth/refresh}, validate the new session JWT. Ours against the official SDK's {@code refreshSessionWithToken}.
 * Both include the emulator minting and RSA-signing a new session JWT, so this compares client overhead on top of a
 * fixed server cost.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class RefreshBenchmark {

    private EmulatedProject project;
    private String refreshJwt;
    private SessionValidator validator;
    private SessionRefresher refresher;

    @Setup(Level.Trial)
    public void setUp() {
        project = new EmulatedProject();
        refreshJwt = project.tokens.refreshJwt();
        validator = SessionValidator.create(
                SessionValidatorConfig.builder(EmulatedProject.PROJECT_ID).build(), project.client::fetchKeySetJson);
        // No grace period: every call must reach Descope, like the SDK's (a grace hit would measure a map lookup).
        refresher = new SessionRefresher(project.client, validator, Duration.ofSeconds(10), Duration.ZERO);
        ours();
        descopeSdk();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        validator.close();
        project.close();
    }

    @Benchmark
    public RefreshResult ours() {
        RefreshResult result = refresher.refresh(refreshJwt);
        if (!result.isSuccess()) {
            throw new IllegalStateException("refresh failed: " + result);
        }
        return result;
    }

    @Benchmark
    public com.descope.model.jwt.Token descopeSdk() {
        return project.sdk.refreshSessionWithToken(refreshJwt);
    }
}
