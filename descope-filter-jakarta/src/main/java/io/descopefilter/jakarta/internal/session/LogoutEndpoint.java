package io.descopefilter.jakarta.internal.session;

import io.descopefilter.jakarta.LoginProblem;
import io.descopefilter.jakarta.internal.http.CsrfTokens;
import io.descopefilter.jakarta.internal.pages.Outcome;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.util.Optional;

/**
 * {@code POST} to the logout path, with a CSRF token: ends the session (see {@link SignOut}) and answers 303 to
 * the page after logout. Other methods get 405, so a link or image cannot log a user out.
 */
public final class LogoutEndpoint {

    private final SignOut signOut;
    private final CsrfTokens csrf;
    private final String afterLogoutUrl;
    private final boolean everywhere;

    /** With {@code everywhere}, the endpoint ends every session of the user at Descope (sign out everywhere). */
    public LogoutEndpoint(SignOut signOut, CsrfTokens csrf, String afterLogoutUrl, boolean everywhere) {
        this.signOut = signOut;
        this.csrf = csrf;
        this.afterLogoutUrl = afterLogoutUrl;
        this.everywhere = everywhere;
    }

    public Outcome handle(HttpServletRequest request, HttpServletResponse response) {
        if (!"POST".equals(request.getMethod())) {
            return new Outcome.MethodNotAllowed("POST");
        }
        if (!csrf.isValid(request)) {
            return new Outcome.Failed(LoginProblem.CSRF);
        }
        signOut.signOut(request, response, Optional.empty(), everywhere);
        return new Outcome.SeeOther(afterLogoutUrl);
    }
}
