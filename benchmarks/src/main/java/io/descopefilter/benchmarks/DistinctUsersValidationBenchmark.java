package io.descopefilter.benchmarks;

import io.descopefilter.core.SessionValidator;
import io.descopefilter.core.SessionValidatorConfig;
import io.descopefilter.core.ValidationResult;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Requests of many distinct signed-in users, one after another, against a validator whose verified-token cache is
 * sized for exactly that many ({@code verifiedTokenCacheSize} = {@code users}), as an operator following README
 * would size it. Every token was validated once before measuring, so each request should be a cache hit; a user
 * the table could not keep pays a full RS256 validation on every request instead. 25 000 users fill the 32 768
 * slots to the same three quarters as 200 000 users fill 262 144, with an eighth of the entries (~35 MB) and a
 * setup of about a minute: this measures what the table keeps, rather than what reaching memory costs.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class DistinctUsersValidationBenchmark {

    @Param("25000")
    public int users;

    private EmulatedProject project;
    private SessionValidator validator;
    private byte[][] cookies;
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        project = new EmulatedProject();
        cookies = new byte[users][];
        for (int i = 0; i < users; i++) {
            // the claim "n" makes every user's token distinct, as distinct users' tokens are
            cookies[i] = project.emulator.issueSession(EmulatedProject.LOGIN_ID,
                            Map.of("plan", "gold", "region", "eu-west-1", "n", i)).sessionJwt()
                    .getBytes(StandardCharsets.ISO_8859_1);
        }
        validator = SessionValidator.create(SessionValidatorConfig.builder(EmulatedProject.PROJECT_ID)
                .verifiedTokenCacheSize(users).build(), project.client::fetchKeySetJson);
        for (int i = 0; i < users; i++) {
            if (!nextUser().isValid()) {
                throw new IllegalStateException("user " + i + "'s session JWT was refused");
            }
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        validator.close();
        project.close();
    }

    /** The next user's request: a new String from the cookie's bytes, as a servlet makes it. */
    @Benchmark
    public ValidationResult nextUser() {
        byte[] cookie = cookies[next];
        next = next + 1 == users ? 0 : next + 1;
        return validator.validateSession(new String(cookie, StandardCharsets.ISO_8859_1));
    }
}
