package io.descopefilter.cluster;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Descope emulator in its own JVM, started through its command line ({@code io.descopefilter.emulator.Main})
 * with refresh-token rotation on and a short session-JWT lifetime; read through its HTTP control routes (outbox,
 * request counts), as a test outside its JVM must.
 */
final class EmulatorProcess implements AutoCloseable {

    static final String PROJECT_ID = "P2clusterTestProject000000000Z";
    static final String MANAGEMENT_KEY = "K2clusterManagementKey000000000000000Z";
    static final String REFRESH = "POST /v1/auth/refresh";

    private static final Pattern READY = Pattern.compile("Descope emulator listening on (http://127\\.0\\.0\\.1:\\d+)");
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    final String baseUrl;
    final Duration sessionTtl;
    private final ManagedProcess process;

    private EmulatorProcess(ManagedProcess process, String baseUrl, Duration sessionTtl) {
        this.process = process;
        this.baseUrl = baseUrl;
        this.sessionTtl = sessionTtl;
    }

    /** An emulator on a free port; links may point at 127.0.0.1 only. */
    static EmulatorProcess start(Path work, Duration sessionTtl) {
        ManagedProcess process = ManagedProcess.startJava("emulator", List.of("-Xmx256m", "-XX:+UseSerialGC"),
                "io.descopefilter.emulator.Main", List.of("--port", "0", "--project-id", PROJECT_ID,
                        "--management-key", MANAGEMENT_KEY, "--approved-domain", "127.0.0.1",
                        "--session-ttl", Long.toString(sessionTtl.toSeconds()), "--refresh-token-rotation",
                        "--no-rate-limits"),
                work.resolve("emulator.log"));
        try {
            process.await("ready line", Duration.ofSeconds(60), () -> READY.matcher(process.output()).find());
        } catch (AssertionError e) {
            process.close();
            throw e;
        }
        Matcher ready = READY.matcher(process.output());
        ready.find();
        return new EmulatorProcess(process, ready.group(1), sessionTtl);
    }

    /** One message of the outbox. */
    record Message(String to, List<Link> links) {
    }

    /** One link of a message; {@code linkId} is the enchanted number, if any. */
    record Link(String url, String linkId) {
    }

    /** Messages to {@code to}, newest first. */
    List<Message> messagesTo(String to) {
        JsonArray messages = json(get("/emulator/outbox?to=" + URLEncoder.encode(to, StandardCharsets.UTF_8)))
                .asJsonArray();
        List<Message> result = new ArrayList<>();
        for (JsonValue value : messages) {
            JsonObject message = value.asJsonObject();
            List<Link> links = new ArrayList<>();
            for (JsonValue link : message.getJsonArray("links")) {
                JsonObject l = link.asJsonObject();
                JsonValue id = l.get("linkId");
                String linkId = id == null || id.getValueType() == JsonValue.ValueType.NULL ? null
                        : id instanceof JsonString number ? number.getString() : id.toString();
                links.add(new Link(l.getString("url"), linkId));
            }
            result.add(new Message(message.getString("to"), links));
        }
        return result;
    }

    /** Waits (bounded) for a message to {@code to} that {@code which} accepts. */
    Message awaitMessage(String to, Predicate<List<Message>> which) {
        Instant deadline = Instant.now().plusSeconds(20);
        while (Instant.now().isBefore(deadline)) {
            List<Message> messages = messagesTo(to);
            if (which.test(messages)) {
                return messages.get(0);
            }
            ManagedProcess.sleep(50);
        }
        throw new AssertionError("no expected message reached the emulator's outbox for " + to + "; it holds "
                + messagesTo(to));
    }

    /** API calls per endpoint since start or the last {@link #resetCounts}. */
    long count(String endpoint) {
        JsonObject counts = json(get("/emulator/requests")).asJsonObject().getJsonObject("byEndpoint");
        return counts.containsKey(endpoint) ? counts.getJsonNumber(endpoint).longValue() : 0;
    }

    void resetCounts() {
        send(HttpRequest.newBuilder(URI.create(baseUrl + "/emulator/requests")).DELETE()
                .header("X-Emulator-Control", "1"));
    }

    private String get(String path) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).GET());
    }

    private static String send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = HTTP.send(request.timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new AssertionError("emulator control route answered " + response.statusCode() + ": "
                        + response.body());
            }
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonValue json(String text) {
        try (JsonReader reader = Json.createReader(new StringReader(text))) {
            return reader.readValue();
        }
    }

    Optional<String> logTail() {
        return Optional.of(process.logTail());
    }

    @Override
    public void close() {
        process.close();
    }
}
