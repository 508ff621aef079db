package io.descopefilter.jakarta.internal.http;

import io.descopefilter.jakarta.internal.config.CookieSettings;
import io.descopefilter.jakarta.internal.config.SameSite;
import io.descopefilter.jakarta.internal.config.PublicBaseUrl;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Enumeration;
import java.util.regex.Pattern;

/**
 * CSRF protection for the filter's POST endpoints and the application's own forms: a double-submit token (the
 * {@code DSCSRF} cookie, {@code HttpOnly} and {@code SameSite=Strict}, must equal the {@code csrf} form field or
 * {@code X-CSRF-Token} header, compared in constant time) plus an origin check: {@code Origin}, when sent, must be
 * the configured public origin, and {@code Sec-Fetch-Site}, when sent, must be {@code same-origin}.
 */
public final class CsrfTokens {

    /** The cookie's name before its prefix ({@code __Host-DSCSRF} on https). */
    public static final String COOKIE = "DSCSRF";
    public static final String FIELD = "csrf";
    public static final String HEADER = "X-CSRF-Token";

    private static final String REQUEST_ATTRIBUTE = CsrfTokens.class.getName() + ".issued";
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{43}");

    private final CookieSettings cookies;
    private final PublicBaseUrl publicBaseUrl;
    private final SecureRandom random = new SecureRandom();

    public CsrfTokens(CookieSettings cookies, PublicBaseUrl publicBaseUrl) {
        this.cookies = cookies;
        this.publicBaseUrl = publicBaseUrl;
    }

    /** The token to put in a form; sets the cookie when the browser has none yet. */
    public String tokenFor(HttpServletRequest request, HttpServletResponse response) {
        Object issued = request.getAttribute(REQUEST_ATTRIBUTE);
        if (issued instanceof String token) {
            return token;
        }
        String token = cookieToken(request);
        if (token == null) {
            byte[] bytes = new byte[32];
            random.nextBytes(bytes);
            token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            cookies.set(response, cookies.name(COOKIE), token, -1, SameSite.STRICT);
        }
        request.setAttribute(REQUEST_ATTRIBUTE, token);
        return token;
    }

    /** Whether a state-changing request comes from the application's own page. */
    public boolean isValid(HttpServletRequest request) {
        // The token is read first, so the form body is consumed even when the origin is refused: a container
        // that finds an unread body closes the connection, which a client reusing it sees as a dropped request.
        boolean tokenMatches = tokenMatches(request);
        return isSameOrigin(request) && tokenMatches;
    }

    private boolean isSameOrigin(HttpServletRequest request) {
        String origin = single(request.getHeaders("Origin"));
        if (origin == null && request.getHeader("Origin") != null) {
            return false;
        }
        String fetchSite = request.getHeader("Sec-Fetch-Site");
        if (origin != null && !origin.equals(publicBaseUrl.origin())) {
            // A form on a page served with Referrer-Policy: no-referrer posts "Origin: null" (Fetch standard);
            // that is only believed when the browser also vouches the request is same-origin.
            if (!(origin.equals("null") && "same-origin".equals(fetchSite))) {
                return false;
            }
        }
        return fetchSite == null || fetchSite.equals("same-origin");
    }

    private boolean tokenMatches(HttpServletRequest request) {
        String expected = cookieToken(request);
        if (expected == null) {
            return false;
        }
        String[] fields = request.getParameterValues(FIELD);
        String presented;
        if (fields != null) {
            presented = fields.length == 1 ? fields[0] : null;
        } else {
            presented = single(request.getHeaders(HEADER));
        }
        return presented != null && MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                presented.getBytes(StandardCharsets.US_ASCII));
    }

    /** The token in the one CSRF cookie; {@code null} when absent, malformed or ambiguous (cookie tossing). */
    private String cookieToken(HttpServletRequest request) {
        String found = CookieSettings.single(request, cookies.name(COOKIE));
        return found != null && TOKEN.matcher(found).matches() ? found : null;
    }

    private static String single(Enumeration<String> values) {
        if (values == null || !values.hasMoreElements()) {
            return null;
        }
        String first = values.nextElement();
        return values.hasMoreElements() ? null : first;
    }
}
