package io.descopefilter.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;

/**
 * One simulated browser over real HTTP, talking to nginx only: no automatic redirects, a cookie jar by name, the
 * {@code Origin} of the application on every POST (as a browser sends it from the application's own page). Safe to
 * use from several threads at once (a page's parallel requests).
 */
final class Browser {

    /** The bound on any one request: a request that takes longer fails the test. */
    static final Duration REQUEST_BOUND = Duration.ofSeconds(15);

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5))
            .executor(Executors.newCachedThreadPool(r -> {
                Thread thread = new Thread(r, "browser-http");
                thread.setDaemon(true);
                return thread;
            }))
            .build();

    /** One answer, with the node that gave it ({@code X-Cluster-Node}, set by the node's application). */
    record Answer(int status, String body, Optional<String> location, String node, HttpResponse<String> raw) {
        @Override
        public String toString() {
            return status + " from " + node + location.map(l -> " -> " + l).orElse("") + ": "
                    + (body.length() > 300 ? body.substring(0, 300) + "..." : body);
        }
    }

    final String origin;
    private final Map<String, String> cookies = new ConcurrentHashMap<>();

    Browser(String origin) {
        this.origin = origin;
    }

    Answer get(String pathOrUrl) {
        return send(HttpRequest.newBuilder(uri(pathOrUrl)).GET(), cookieHeader());
    }

    /** A GET with exactly these cookies (a request that left before the answers of its siblings came back). */
    Answer getWith(String pathOrUrl, String cookieHeader) {
        return send(HttpRequest.newBuilder(uri(pathOrUrl)).GET(), cookieHeader);
    }

    Answer post(String pathOrUrl, Map<String, String> fields) {
        String body = fields.entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(uri(pathOrUrl))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Origin", origin)
                .POST(HttpRequest.BodyPublishers.ofString(body)), cookieHeader());
    }

    String cookieHeader() {
        return cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining("; "));
    }

    Optional<String> cookie(String name) {
        return Optional.ofNullable(cookies.get(name));
    }

    private URI uri(String pathOrUrl) {
        return URI.create(pathOrUrl.startsWith("http") ? pathOrUrl : origin + pathOrUrl);
    }

    private Answer send(HttpRequest.Builder request, String cookieHeader) {
        if (!cookieHeader.isEmpty()) {
            request.header("Cookie", cookieHeader);
        }
        request.timeout(REQUEST_BOUND);
        HttpResponse<String> response;
        try {
            response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        response.headers().allValues("Set-Cookie").forEach(this::remember);
        return new Answer(response.statusCode(), response.body(), response.headers().firstValue("Location"),
                response.headers().firstValue(ClusterNode.NODE_HEADER).orElse("(no node)"), response);
    }

    private void remember(String setCookie) {
        String[] parts = setCookie.split(";");
        int equals = parts[0].indexOf('=');
        if (equals <= 0) {
            return;
        }
        String name = parts[0].substring(0, equals).trim();
        String value = parts[0].substring(equals + 1).trim();
        boolean expired = value.isEmpty();
        for (int i = 1; i < parts.length; i++) {
            String attribute = parts[i].trim().toLowerCase(Locale.ROOT);
            if (attribute.equals("max-age=0") || attribute.startsWith("expires=thu, 01 jan 1970")
                    || attribute.startsWith("expires=thu, 01-jan-1970")) {
                expired = true;
            }
        }
        if (expired) {
            cookies.remove(name);
        } else {
            cookies.put(name, value);
        }
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
