package io.descopefilter.it.support;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** Reads the parts of a sign-in link: the token {@code t}, the account hint {@code as}, the return path. */
public final class LinkUrl {

    private LinkUrl() {
    }

    public static String token(String link) {
        return query(link, "t").orElseThrow(() -> new AssertionError("no t in " + link));
    }

    public static String hint(String link) {
        return query(link, "as").orElseThrow(() -> new AssertionError("no as in " + link));
    }

    /** The decoded value of a query parameter. */
    public static Optional<String> query(String link, String name) {
        String rawQuery = URI.create(link).getRawQuery();
        if (rawQuery == null) {
            return Optional.empty();
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.startsWith(name + "=")) {
                return Optional.of(URLDecoder.decode(pair.substring(name.length() + 1), StandardCharsets.UTF_8));
            }
        }
        return Optional.empty();
    }
}
