package io.descopefilter.jakarta.internal.landing;

import io.descopefilter.jakarta.internal.config.Routes;
import io.descopefilter.jakarta.internal.http.ReturnTo;
import io.descopefilter.jakarta.internal.http.PercentDecoding;
import jakarta.servlet.http.HttpServletRequest;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The inputs of a link landing, validated at the edge before any Descope call (TX-04, TX-05): the token {@code t}
 * exactly once, 1 to 4096 visible ASCII characters; the return path {@code next} only when safe; the masked
 * account hint {@code as}. {@link #toString()} never shows the token.
 *
 * @param token the link token
 * @param next  where to go after login, a safe relative path that is not one of the filter's endpoints
 * @param hint  the masked login ID the link was sent to, for display and to check the verified user against
 */
public record LandingRequest(String token, Optional<String> next, Optional<String> hint) {

    public static final String TOKEN = "t";
    public static final String NEXT = "next";
    public static final String HINT = "as";

    private static final Pattern TOKEN_PATTERN = Pattern.compile("[\\x21-\\x7E]{1,4096}");
    /** Only what {@code LoginIds.mask} produces, so the page cannot be made to show arbitrary text. */
    private static final Pattern HINT_PATTERN =
            Pattern.compile("[\\x21-\\x7E]\\*\\*\\*(@[a-z0-9.-]{1,253})?|\\+\\*\\*\\*[0-9]{2}");

    /** The landing inputs of a GET (query string only); empty when the token is missing, repeated or malformed. */
    public static Optional<LandingRequest> fromQuery(HttpServletRequest request, Routes routes) {
        return read(request, routes);
    }

    /**
     * The landing inputs of a form POST; empty when the token is missing, repeated, malformed or (also) in the
     * query string, where it would be ambiguous which one counts.
     */
    public static Optional<LandingRequest> fromForm(HttpServletRequest request, Routes routes) {
        if (queryNames(request.getQueryString(), TOKEN)) {
            return Optional.empty();
        }
        return read(request, routes);
    }

    private static Optional<LandingRequest> read(HttpServletRequest request, Routes routes) {
        String token = single(request, TOKEN);
        if (token == null || !TOKEN_PATTERN.matcher(token).matches()) {
            return Optional.empty();
        }
        Optional<String> next = ReturnTo.ifSafe(single(request, NEXT), routes::isOwnEndpoint);
        Optional<String> hint = Optional.ofNullable(single(request, HINT))
                .filter(value -> HINT_PATTERN.matcher(value).matches());
        return Optional.of(new LandingRequest(token, next, hint));
    }

    /** The one value of {@code name}; {@code null} when absent or repeated. */
    private static String single(HttpServletRequest request, String name) {
        String[] values = request.getParameterValues(name);
        return values != null && values.length == 1 ? values[0] : null;
    }

    /** Whether the raw query string has a parameter called {@code name} (a malformed name counts as a yes). */
    static boolean queryNames(String query, String name) {
        if (query == null || query.isEmpty()) {
            return false;
        }
        for (String pair : query.split("&")) {
            int equals = pair.indexOf('=');
            String key = PercentDecoding.decodeUtf8((equals < 0 ? pair : pair.substring(0, equals)).replace('+', ' '));
            if (key == null || key.equals(name)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return "LandingRequest[token=<redacted>, next=" + next + ", hint=" + hint + "]";
    }
}
