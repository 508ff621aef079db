package io.descopefilter.benchmarks;

import io.descopefilter.core.ValidationResult;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;

import java.util.concurrent.TimeUnit;

/**
 * The ratios (b)/(c) and (d)/(b), measured with both sides running at the same time, one thread each on the two
 * cores. On a machine shared with other work, sequential benchmarks minutes apart see different background load;
 * side by side, both sides see the same. Use the ratio, not the absolute numbers (two busy cores are slower than one).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class PairedValidationBenchmark {

    @Benchmark
    @Group("oursVsNimbus")
    public ValidationResult ours(ValidationSubjects subjects) {
        return subjects.ourUncached();
    }

    @Benchmark
    @Group("oursVsNimbus")
    public boolean nimbus(ValidationSubjects subjects) throws Exception {
        return subjects.nimbus();
    }

    @Benchmark
    @Group("oursVsSdk")
    public ValidationResult oursAgainstSdk(ValidationSubjects subjects) {
        return subjects.ourUncached();
    }

    @Benchmark
    @Group("oursVsSdk")
    public com.descope.model.jwt.Token sdk(ValidationSubjects subjects) {
        return subjects.sdk();
    }
}
