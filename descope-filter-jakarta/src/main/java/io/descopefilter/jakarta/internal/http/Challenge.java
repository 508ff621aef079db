package io.descopefilter.jakarta.internal.http;

import io.descopefilter.jakarta.internal.config.PublicBaseUrl;
import io.descopefilter.jakarta.internal.pages.Outcome;
import jakarta.servlet.http.HttpServletRequest;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/**
 * The answer to a request that needs a session but has none: browsers are redirected to the login page with the
 * original path as {@code next}; API clients ({@code Accept: application/json}, an {@code Authorization} header,
 * or {@code X-Requested-With: XMLHttpRequest}) get 401 with {@code WWW-Authenticate: Bearer realm="descope"}.
 */
public final class Challenge {

    public static final String WWW_AUTHENTICATE = "Bearer realm=\"descope\"";

    private final PublicBaseUrl publicBaseUrl;
    private final String loginPage;

    public Challenge(PublicBaseUrl publicBaseUrl, String loginPage) {
        this.publicBaseUrl = publicBaseUrl;
        this.loginPage = loginPage;
    }

    /** The challenge for a request to the canonical {@code path}; {@code query} may be {@code null}. */
    public Outcome of(HttpServletRequest request, String path, String query) {
        if (isApiRequest(request)) {
            return new Outcome.Unauthorized(WWW_AUTHENTICATE);
        }
        return new Outcome.LoginRedirect(loginUrl(request.getMethod(), path, query));
    }

    /** The login page URL, with {@code next} for GET requests whose path and query are a safe return target. */
    String loginUrl(String method, String path, String query) {
        String login = publicBaseUrl.resolve(loginPage);
        if (!"GET".equals(method)) {
            return login;
        }
        Optional<String> next = ReturnTo.ifSafe(query == null ? path : path + "?" + query);
        return next.map(target -> login + "?next=" + URLEncoder.encode(target, StandardCharsets.UTF_8)).orElse(login);
    }

    static boolean isApiRequest(HttpServletRequest request) {
        String accept = request.getHeader("Accept");
        return (accept != null && accept.toLowerCase(Locale.ROOT).contains("application/json"))
                || request.getHeader("Authorization") != null
                || "XMLHttpRequest".equalsIgnoreCase(request.getHeader("X-Requested-With"));
    }
}
