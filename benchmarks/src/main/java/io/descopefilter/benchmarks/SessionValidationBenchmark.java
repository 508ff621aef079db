package io.descopefilter.benchmarks;

import io.descopefilter.core.ValidationResult;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;

import java.util.concurrent.TimeUnit;

/** Validating one Descope session JWT, one way at a time (see {@link ValidationSubjects}). */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class SessionValidationBenchmark {

    /** (a) The hot path of a repeat request: the same String instance each time. */
    @Benchmark
    public ValidationResult ourValidationCached(ValidationSubjects subjects) {
        return subjects.ourCached();
    }

    /** (a') The hot path with a new String per request, as a servlet sees it. Includes making that String. */
    @Benchmark
    public ValidationResult ourValidationCachedFreshString(ValidationSubjects subjects) {
        return subjects.ourCachedFreshString();
    }

    /** (b) A first request: full parse, RS256 verification and claim checks. */
    @Benchmark
    public ValidationResult ourValidationUncached(ValidationSubjects subjects) {
        return subjects.ourUncached();
    }

    /** (c) The floor: nimbus parse and RS256 verification, no claim checks at all. */
    @Benchmark
    public boolean nimbusParseAndVerify(ValidationSubjects subjects) throws Exception {
        return subjects.nimbus();
    }

    /** (d) The peer: the official SDK's local validation (jjwt, cached keys). */
    @Benchmark
    public com.descope.model.jwt.Token descopeSdk(ValidationSubjects subjects) {
        return subjects.sdk();
    }
}
