package io.descopefilter.benchmarks;

import io.descopefilter.jakarta.internal.config.CookieSettings;
import jakarta.servlet.http.HttpServletRequest;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.lang.reflect.Proxy;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Reading the session and refresh cookies out of a request's raw {@code Cookie} header, as every request with a
 * session does: the header a browser sends after a sign-in, two ~1 KB JWTs behind an analytics cookie and the
 * CSRF cookie, with the session cookie last.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Benchmark)
public class CookieLookupBenchmark {

    private HttpServletRequest request;

    @Setup
    public void setUp() {
        String jwtLike = "eyJhbGciOiJSUzI1NiIsImtpZCI6ImJlbmNoIn0." + "x".repeat(600) + "." + "s".repeat(342);
        String header = "_ga=GA1.1.123456789.1700000000; DSCSRF=" + "c".repeat(43) + "; DSR=" + jwtLike
                + "; DS=" + jwtLike;
        request = (HttpServletRequest) Proxy.newProxyInstance(HttpServletRequest.class.getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getHeaders") && "Cookie".equals(args[0])) {
                        return Collections.enumeration(List.of(header));
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    /** Both cookies of a session, as {@code CookieSessionStore.read} looks them up. */
    @Benchmark
    public Object sessionAndRefresh() {
        CookieSettings.Lookup session = CookieSettings.lookup(request, "DS");
        CookieSettings.Lookup refresh = CookieSettings.lookup(request, "DSR");
        return session.single().length() + refresh.single().length();
    }
}
