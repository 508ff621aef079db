package io.descopefilter.jakarta.internal.session;

import io.descopefilter.jakarta.LoginProblem;
import io.descopefilter.jakarta.internal.http.Challenge;
import io.descopefilter.jakarta.internal.http.CsrfTokens;
import io.descopefilter.jakarta.internal.http.RequestPath;
import io.descopefilter.jakarta.internal.http.ReturnTo;
import io.descopefilter.jakarta.internal.pages.Outcome;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.util.Optional;
import java.util.function.Function;

/**
 * {@code POST} to the tenant path with {@code tenant} (and optionally {@code next}) and a CSRF token: makes that
 * tenant the signed-in user's current one ({@code SessionActions.selectTenant}) and answers 303 to {@code next}
 * or the page after login. Without a session it answers the login challenge; a tenant the user is not a member of
 * gets 400.
 */
public final class TenantEndpoint {

    private final SessionResolver resolver;
    private final SessionActions actions;
    private final DescopeRequest.Actions requestActions;
    private final CsrfTokens csrf;
    private final Challenge challenge;
    private final Function<String, String> urlOf;
    private final String afterLoginPath;

    public TenantEndpoint(SessionResolver resolver, SessionActions actions, DescopeRequest.Actions requestActions,
                          CsrfTokens csrf, Challenge challenge, Function<String, String> urlOf,
                          String afterLoginPath) {
        this.resolver = resolver;
        this.actions = actions;
        this.requestActions = requestActions;
        this.csrf = csrf;
        this.challenge = challenge;
        this.urlOf = urlOf;
        this.afterLoginPath = afterLoginPath;
    }

    public Outcome handle(HttpServletRequest request, HttpServletResponse response) {
        if (!"POST".equals(request.getMethod())) {
            return new Outcome.MethodNotAllowed("POST");
        }
        if (!csrf.isValid(request)) {
            return new Outcome.Failed(LoginProblem.CSRF);
        }
        Optional<ResolvedSession> resolved = resolver.resolve(request, response);
        if (resolved.isEmpty()) {
            return challenge.of(request, RequestPath.of(request), null);
        }
        DescopeRequest signedIn = new DescopeRequest(request, response, resolved.get(), requestActions);
        if (!actions.selectTenant(signedIn, request.getParameter("tenant"))) {
            return new Outcome.Failed(LoginProblem.BAD_REQUEST);
        }
        String next = ReturnTo.ifSafe(request.getParameter("next")).orElse(afterLoginPath);
        return new Outcome.SeeOther(urlOf.apply(next));
    }
}
