package io.descopefilter.benchmarks;

import io.descopefilter.core.DeliveryMethod;
import io.descopefilter.core.JwtResponse;
import io.descopefilter.core.internal.http.JsonCodec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.TimeUnit;

/** Reading Descope's verify answer (session and refresh JWTs and the user), as a landing does. */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Benchmark)
public class VerifyAnswerBenchmark {

    private EmulatedProject project;
    private byte[] answer;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        project = new EmulatedProject();
        project.client.magicLinkSignIn(DeliveryMethod.EMAIL, "ada@example.com", "http://127.0.0.1/verify");
        var messages = project.emulator.outbox().messagesTo("ada@example.com");
        String url = messages.get(messages.size() - 1).links().get(0).url();
        String token = url.substring(url.indexOf("t=") + 2);
        HttpResponse<byte[]> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(project.emulator.baseUrl() + "/v1/auth/magiclink/verify"))
                .header("Authorization", "Bearer " + EmulatedProject.PROJECT_ID)
                .POST(HttpRequest.BodyPublishers.ofString("{\"token\":\"" + token + "\"}")).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        answer = response.body();
        if (response.statusCode() != 200 || jsonBinding().sessionJwt() == null) {
            throw new IllegalStateException("no verify answer: " + response.statusCode());
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        project.close();
    }

    /** Ours: {@code JsonCodec} reads the session answer with JSON-P's streaming parser. */
    @Benchmark
    public JwtResponse ours() throws Exception {
        return JsonCodec.fromJson(answer, JwtResponse.class);
    }

    /** The same answer bound with JSON-B (Yasson), as every answer was read before. */
    @Benchmark
    public JwtResponse jsonBinding() {
        return JSONB.fromJson(new ByteArrayInputStream(answer), JwtResponse.class);
    }

    private static final jakarta.json.bind.Jsonb JSONB = jakarta.json.bind.JsonbBuilder.create(
            new jakarta.json.bind.JsonbConfig().withNullValues(false));
}
