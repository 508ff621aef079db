package io.descopefilter.bench;

import com.descope.exception.DescopeException;
import com.descope.model.jwt.Token;
import com.descope.sdk.auth.AuthenticationService;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

/**
 * The peer: the smallest honest filter an application would write on the official Descope Java SDK. The session JWT
 * comes from the {@code DS} cookie or an {@code Authorization: Bearer} header and is checked with
 * {@code validateSessionWithToken} on every request (the SDK caches keys, not verified tokens); a refusal is a 401.
 */
public final class SdkFilter extends HttpFilter {

    private static final String BEARER = "Bearer ";

    private final AuthenticationService auth;

    public SdkFilter(AuthenticationService auth) {
        this.auth = auth;
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String jwt = sessionJwt(request);
        if (jwt == null) {
            response.sendError(HttpServletResponse.SC_UNAUTHORIZED);
            return;
        }
        Token token;
        try {
            token = auth.validateSessionWithToken(jwt);
        } catch (DescopeException e) {
            response.sendError(HttpServletResponse.SC_UNAUTHORIZED);
            return;
        }
        request.setAttribute("descope.userId", token.getId());
        chain.doFilter(request, response);
    }

    private static String sessionJwt(HttpServletRequest request) {
        String authorization = request.getHeader("Authorization");
        if (authorization != null && authorization.startsWith(BEARER)) {
            return authorization.substring(BEARER.length());
        }
        Cookie[] cookies = request.getCookies();
        if (cookies != null) {
            for (Cookie cookie : cookies) {
                if ("DS".equals(cookie.getName())) {
                    return cookie.getValue();
                }
            }
        }
        return null;
    }
}
