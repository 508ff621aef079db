package io.descopefilter.it.support;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.StringReader;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** An HTTP response as the test sees it: status, headers (case-insensitive), body and helpers to read them. */
public record Page(String method, URI uri, int status, Map<String, List<String>> headers, String body) {

    public Page {
        Map<String, List<String>> caseInsensitive = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        caseInsensitive.putAll(headers);
        headers = caseInsensitive;
        body = body == null ? "" : body;
    }

    public Optional<String> header(String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    public List<String> headerValues(String name) {
        return headers.getOrDefault(name, List.of());
    }

    /** The {@code Location} header resolved against the request URL. */
    public Optional<URI> locationUri() {
        return header("Location").map(uri::resolve);
    }

    public Optional<String> location() {
        return locationUri().map(URI::toString);
    }

    public boolean isRedirect() {
        return status >= 300 && status < 400 && header("Location").isPresent();
    }

    /** Every {@code Set-Cookie} header, parsed. */
    public List<SetCookie> setCookies() {
        return headerValues("Set-Cookie").stream().map(SetCookie::parse).toList();
    }

    public Optional<SetCookie> setCookie(String name) {
        return setCookies().stream().filter(cookie -> cookie.name().equals(name)).reduce((first, last) -> last);
    }

    /** Whether the response sets a non-empty value for this cookie (a cookie being cleared does not count). */
    public boolean setsCookie(String name) {
        return setCookie(name).filter(cookie -> !cookie.value().isEmpty() && !cookie.isDeletion()).isPresent();
    }

    public JsonObject json() {
        try (JsonReader reader = Json.createReader(new StringReader(body))) {
            return reader.readObject();
        } catch (RuntimeException e) {
            throw new AssertionError("expected a JSON object but got " + this, e);
        }
    }

    /** The first form of an HTML page. */
    public HtmlForm form() {
        return HtmlForm.firstIn(this);
    }

    @Override
    public String toString() {
        String shortBody = body.length() > 600 ? body.substring(0, 600) + "..." : body;
        return method + " " + uri + " -> " + status + " " + headers + "\n" + shortBody;
    }
}
