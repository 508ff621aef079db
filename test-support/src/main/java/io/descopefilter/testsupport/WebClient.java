package io.descopefilter.testsupport;

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
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;

/**
 * One simulated browser over real HTTP/1.1: no automatic redirects, and a cookie jar that keeps every cookie by
 * name (also those marked {@code Secure}: the servers under test run on plain http on 127.0.0.1, where browsers
 * allow them too) and drops the ones a response expires. Every request is bounded; one that takes longer fails.
 * Safe to use from several threads at once (a page's parallel requests).
 */
public final class WebClient {

    /** One answer. */
    public record Answer(int status, String body, Optional<String> location, HttpResponse<String> raw) {
        @Override
        public String toString() {
            return status + location.map(l -> " -> " + l).orElse("") + "\n"
                    + (body.length() > 2000 ? body.substring(0, 2000) + "..." : body);
        }
    }

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5))
            .executor(Executors.newCachedThreadPool(r -> {
                Thread thread = new Thread(r, "web-client-http");
                thread.setDaemon(true);
                return thread;
            }))
            .build();

    private final Duration requestBound;
    private final Map<String, String> cookies = new ConcurrentHashMap<>();

    /** A client whose every request must be answered within {@code requestBound}. */
    public WebClient(Duration requestBound) {
        this.requestBound = Objects.requireNonNull(requestBound, "requestBound");
    }

    /** A GET with the cookies of the jar. */
    public Answer get(String url) {
        return send(HttpRequest.newBuilder(URI.create(url)).GET(), cookieHeader());
    }

    /** A GET with exactly these cookies (a request that left before the answers of its siblings came back). */
    public Answer get(String url, String cookieHeader) {
        return send(HttpRequest.newBuilder(URI.create(url)).GET(), cookieHeader);
    }

    /** A form POST as a browser sends it from a page of {@code origin}. */
    public Answer post(String url, String origin, Map<String, String> fields) {
        String body = fields.entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Origin", origin)
                .POST(HttpRequest.BodyPublishers.ofString(body)), cookieHeader());
    }

    /** The jar as a {@code Cookie} header value ({@code name=value; ...}). */
    public String cookieHeader() {
        return cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining("; "));
    }

    public Optional<String> cookie(String name) {
        return Optional.ofNullable(cookies.get(name));
    }

    public Map<String, String> cookies() {
        return Map.copyOf(cookies);
    }

    private Answer send(HttpRequest.Builder request, String cookieHeader) {
        if (!cookieHeader.isEmpty()) {
            request.header("Cookie", cookieHeader);
        }
        request.timeout(requestBound);
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
                response);
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
