package io.descopefilter.jakarta.internal.http;

import io.descopefilter.jakarta.internal.config.PublicBaseUrl;
import io.descopefilter.jakarta.internal.pages.Outcome;
import jakarta.servlet.http.HttpServletRequest;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/**
 * The answer to a request that needs a session (or a recent sign-in) it does not have. Browsers are redirected to
 * the login page with the original path as {@code next} (and {@code stepup=true} when a step-up is what is
 * missing). API clients ({@code Accept: application/json}, an {@code Authorization} header, or
 * {@code X-Requested-With: XMLHttpRequest}) get JSON in the style of RFC 6750: 401 with
 * {@code WWW-Authenticate: Bearer realm="descope", error="invalid_token"} when the session is missing or not valid,
 * or 403 with {@code error="insufficient_user_authentication"} (RFC 9470) when a step-up is.
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
        String login = loginUrl(request.getMethod(), path, query, false);
        if (isApiRequest(request)) {
            return new Outcome.ApiRefusal(401, WWW_AUTHENTICATE + ", error=\"invalid_token\"",
                    "{\"error\":\"invalid_token\",\"login\":" + Outcome.Json.quote(login) + "}");
        }
        return new Outcome.LoginRedirect(login);
    }

    /** The answer to a signed-in request for a step-up path whose sign-in is not recent enough. */
    public Outcome stepUp(HttpServletRequest request, String path, String query) {
        String login = loginUrl(request.getMethod(), path, query, true);
        if (isApiRequest(request)) {
            return new Outcome.ApiRefusal(403, WWW_AUTHENTICATE + ", error=\"insufficient_user_authentication\"",
                    "{\"error\":\"insufficient_user_authentication\",\"login\":" + Outcome.Json.quote(login) + "}");
        }
        return new Outcome.LoginRedirect(login);
    }

    /** The answer to a signed-in request for a path whose role the user lacks: 403, JSON for API clients. */
    public Outcome forbidden(HttpServletRequest request) {
        if (isApiRequest(request)) {
            return new Outcome.ApiRefusal(403, WWW_AUTHENTICATE + ", error=\"insufficient_scope\"",
                    "{\"error\":\"insufficient_scope\"}");
        }
        return new Outcome.Failed(io.descopefilter.jakarta.LoginProblem.FORBIDDEN);
    }

    /** The login page URL, with {@code next} for GET requests whose path and query are a safe return target. */
    String loginUrl(String method, String path, String query) {
        return loginUrl(method, path, query, false);
    }

    private String loginUrl(String method, String path, String query, boolean stepUp) {
        String login = publicBaseUrl.resolve(loginPage);
        String suffix = stepUp ? "stepup=true" : null;
        if ("GET".equals(method)) {
            Optional<String> next = ReturnTo.ifSafe(query == null ? path : path + "?" + query);
            if (next.isPresent()) {
                String nextParam = "next=" + URLEncoder.encode(next.get(), StandardCharsets.UTF_8);
                suffix = suffix == null ? nextParam : nextParam + "&" + suffix;
            }
        }
        return suffix == null ? login : login + "?" + suffix;
    }

    static boolean isApiRequest(HttpServletRequest request) {
        String accept = request.getHeader("Accept");
        return (accept != null && accept.toLowerCase(Locale.ROOT).contains("application/json"))
                || request.getHeader("Authorization") != null
                || "XMLHttpRequest".equalsIgnoreCase(request.getHeader("X-Requested-With"));
    }
}
