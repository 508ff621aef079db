package io.descopefilter.it.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A man in the middle between the filter and the emulator: it records Descope's answers (to learn values the
 * filter must keep to itself, such as an enchanted link's pendingRef) and rewrites chosen ones (for answers the
 * emulator would never give: a 200 without a session JWT, a JWT of another project). Starts on first use, stops
 * after the test class ({@code @RegisterExtension}).
 */
public final class DescopeProxy implements AfterAllCallback {

    private static final Set<String> FORWARDED_HEADERS = Set.of("authorization", "content-type", "accept");

    private final TestDescope descope;
    private final Map<String, UnaryOperator<String>> rewrites = new ConcurrentHashMap<>();
    private final Map<String, List<String>> answers = new ConcurrentHashMap<>();
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private HttpServer server;

    private DescopeProxy(TestDescope descope) {
        this.descope = descope;
    }

    public static DescopeProxy inFrontOf(TestDescope descope) {
        return new DescopeProxy(descope);
    }

    /** {@code http://127.0.0.1:<port>}, to configure as the filter's Descope base URL. */
    public synchronized String baseUrl() {
        if (server == null) {
            try {
                server = HttpServer.create(new InetSocketAddress(Nodes.HOST, 0), 0);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            server.createContext("/", this::forward);
            server.start();
        }
        return Nodes.origin(server.getAddress().getPort());
    }

    /** From now on, successful responses of {@code path} pass through {@code change} (JSON text in, out). */
    public void rewrite(String path, UnaryOperator<String> change) {
        rewrites.put(path, change);
    }

    public void clearRewrites() {
        rewrites.clear();
    }

    /** The bodies Descope answered on {@code path} so far, oldest first (to learn values the filter must hide). */
    public List<String> answersTo(String path) {
        return List.copyOf(answers.getOrDefault(path, List.of()));
    }

    private void forward(HttpExchange exchange) throws IOException {
        try (exchange) {
            URI target = URI.create(descope.emulator().baseUrl() + exchange.getRequestURI());
            byte[] body = exchange.getRequestBody().readAllBytes();
            HttpRequest.Builder request = HttpRequest.newBuilder(target).timeout(Duration.ofSeconds(30))
                    .method(exchange.getRequestMethod(), body.length == 0
                            ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
            exchange.getRequestHeaders().forEach((name, values) -> {
                if (FORWARDED_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                    values.forEach(value -> request.header(name, value));
                }
            });
            HttpResponse<String> response = client.send(request.build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            String answer = response.body();
            answers.computeIfAbsent(exchange.getRequestURI().getPath(),
                    key -> new CopyOnWriteArrayList<>()).add(answer);
            UnaryOperator<String> change = rewrites.get(exchange.getRequestURI().getPath());
            if (change != null && response.statusCode() == 200) {
                answer = change.apply(answer);
            }
            byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
            response.headers().firstValue("Content-Type")
                    .ifPresent(type -> exchange.getResponseHeaders().put("Content-Type", List.of(type)));
            response.headers().firstValue("Retry-After")
                    .ifPresent(value -> exchange.getResponseHeaders().put("Retry-After", List.of(value)));
            exchange.sendResponseHeaders(response.statusCode(), bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public synchronized void afterAll(ExtensionContext context) {
        if (server != null) {
            server.stop(0);
            server = null;
        }
    }
}
