package io.descopefilter.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

/** One HTTP request of a {@link Browser}, built fluently and sent with {@link #send()}. */
public final class Request {

    private final Browser browser;
    private final String method;
    private final String url;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private String body;

    Request(Browser browser, String method, String url) {
        this.browser = browser;
        this.method = method;
        this.url = url;
    }

    public Request header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    /** An API client: asks for JSON. */
    public Request json() {
        return header("Accept", "application/json");
    }

    public Request bearer(String token) {
        return header("Authorization", "Bearer " + token);
    }

    /** The headers a browser adds to a form POST from a page of the app itself. */
    public Request sameOrigin() {
        return header("Origin", browser.app().origin()).header("Sec-Fetch-Site", "same-origin");
    }

    /** The headers a browser adds when a page on another site submits to the app. */
    public Request crossSite(String attackerOrigin) {
        return header("Origin", attackerOrigin).header("Sec-Fetch-Site", "cross-site");
    }

    public Request form(Map<String, String> fields) {
        StringJoiner encoded = new StringJoiner("&");
        fields.forEach((name, value) -> encoded.add(encode(name) + "=" + encode(value)));
        return rawForm(encoded.toString());
    }

    /** A form body exactly as given (for duplicated or malformed fields). */
    public Request rawForm(String urlEncodedBody) {
        header("Content-Type", "application/x-www-form-urlencoded");
        this.body = urlEncodedBody;
        return this;
    }

    public Page send() {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30));
        headers.forEach(builder::header);
        builder.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        try {
            HttpResponse<String> response = browser.client().send(builder.build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Page(method, response.uri(), response.statusCode(), response.headers().map(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + url + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for " + method + " " + url, e);
        }
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
