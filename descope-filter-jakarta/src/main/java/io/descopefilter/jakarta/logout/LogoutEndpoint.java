package io.descopefilter.jakarta.logout;

import io.descopefilter.jakarta.config.PublicBaseUrl;
import io.descopefilter.jakarta.session.SignOut;
import io.descopefilter.jakarta.web.CsrfTokens;
import io.descopefilter.jakarta.web.ErrorPages;
import io.descopefilter.jakarta.web.LoginProblem;
import io.descopefilter.jakarta.web.Responses;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

/**
 * {@code POST} to the logout path, with a CSRF token: ends the session (see {@link SignOut}) and answers 303 to
 * the page after logout. Other methods get 405, so a link or image cannot log a user out.
 */
public final class LogoutEndpoint {

    private final SignOut signOut;
    private final CsrfTokens csrf;
    private final ErrorPages errors;
    private final String afterLogoutUrl;

    public LogoutEndpoint(SignOut signOut, CsrfTokens csrf, ErrorPages errors, PublicBaseUrl publicBaseUrl,
                          String afterLogoutPath) {
        this.signOut = signOut;
        this.csrf = csrf;
        this.errors = errors;
        this.afterLogoutUrl = publicBaseUrl.resolve(afterLogoutPath);
    }

    public void handle(HttpServletRequest request, HttpServletResponse response) throws IOException, ServletException {
        if (!"POST".equals(request.getMethod())) {
            Responses.methodNotAllowed(response, "POST");
            return;
        }
        if (!csrf.isValid(request)) {
            errors.send(request, response, LoginProblem.CSRF, null, 0, null);
            return;
        }
        signOut.signOut(request, response);
        Responses.seeOther(response, afterLogoutUrl);
    }
}
