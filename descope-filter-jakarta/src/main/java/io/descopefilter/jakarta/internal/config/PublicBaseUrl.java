package io.descopefilter.jakarta.internal.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * The application's public root URL, from configuration only (never from {@code Host} or
 * {@code X-Forwarded-*}, which a client controls): its origin, e.g. {@code https://shop.example.com}, and its
 * path, e.g. {@code /shop} ({@code ""} at the root).
 */
public record PublicBaseUrl(String origin, String path) {

    /** Parses {@code https://host[:port][/path]}; the message of the exception says what is wrong. */
    public static PublicBaseUrl parse(String text) {
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("it is not a valid URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
            throw new IllegalArgumentException("it must be an absolute https (or http) URL");
        }
        if (uri.getHost() == null || uri.getRawUserInfo() != null || uri.getRawQuery() != null
                || uri.getRawFragment() != null) {
            throw new IllegalArgumentException("it must have a host and no user info, query or fragment");
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        if (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        if (!path.isEmpty() && !path.matches("(/[A-Za-z0-9._~!$&'()*+,=:@-]+)+")
                || path.contains("/./") || path.contains("/../") || path.endsWith("/.") || path.endsWith("/..")) {
            throw new IllegalArgumentException("its path must be a plain context path such as /shop");
        }
        int port = uri.getPort();
        boolean defaultPort = port == -1 || (scheme.equals("https") && port == 443) || (scheme.equals("http") && port == 80);
        String origin = scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port);
        return new PublicBaseUrl(origin, path);
    }

    /** The absolute URL of an application path ({@code /orders/42?x=1} becomes {@code https://host/shop/orders/42?x=1}). */
    public String resolve(String appPath) {
        return origin + path + appPath;
    }

    public boolean isHttps() {
        return origin.startsWith("https://");
    }

    /** Whether the host is a loopback name, where browsers treat plain http as a secure context. */
    public boolean isLoopback() {
        String host = origin.substring(origin.indexOf("://") + 3);
        int colon = host.lastIndexOf(':');
        if (colon > 0 && !host.endsWith("]")) {
            host = host.substring(0, colon);
        }
        return host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]");
    }

    @Override
    public String toString() {
        return origin + path;
    }
}
