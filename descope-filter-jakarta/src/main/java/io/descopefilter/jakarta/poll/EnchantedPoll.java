package io.descopefilter.jakarta.poll;

import io.descopefilter.core.client.DescopeClient;
import io.descopefilter.core.client.DescopeException;
import io.descopefilter.core.client.JwtResponse;
import io.descopefilter.core.session.SessionValidator;
import io.descopefilter.core.session.ValidationResult;
import io.descopefilter.jakarta.session.SessionTokens;
import io.descopefilter.jakarta.session.SessionTooLargeException;
import io.descopefilter.jakarta.session.SignIn;
import io.descopefilter.jakarta.web.Responses;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.time.Clock;

/**
 * The enchanted link poll ({@code GET}, JSON). It polls Descope only for the {@code pendingRef} in this browser's
 * own {@code HttpSession}, so a poll from any other browser gets 403 {@code {"status":"none"}} (EL-02). On
 * {@code done} the session is installed here with a new session ID (SE-01) and the reference is forgotten (EL-03).
 * Polls are short (one Descope call at most) and at most one per second per browser reaches Descope (EL-04).
 */
public final class EnchantedPoll {

    private static final System.Logger LOG = System.getLogger(EnchantedPoll.class.getName());
    static final long MIN_POLL_INTERVAL_MILLIS = 1000;
    private static final String PENDING = "{\"status\":\"pending\"}";
    private static final String EXPIRED = "{\"status\":\"expired\"}";
    private static final String NONE = "{\"status\":\"none\"}";

    private final DescopeClient client;
    private final SessionValidator validator;
    private final SignIn signIn;
    private final Clock clock;

    public EnchantedPoll(DescopeClient client, SessionValidator validator, SignIn signIn, Clock clock) {
        this.client = client;
        this.validator = validator;
        this.signIn = signIn;
        this.clock = clock;
    }

    public void handle(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!"GET".equals(request.getMethod())) {
            Responses.methodNotAllowed(response, "GET");
            return;
        }
        HttpSession httpSession = request.getSession(false);
        PendingEnchantedLink pending = pendingIn(httpSession);
        if (pending == null) {
            Responses.json(response, HttpServletResponse.SC_FORBIDDEN, NONE);
            return;
        }
        long now = clock.millis();
        if (pending.isExpired(now)) {
            forget(httpSession);
            Responses.json(response, HttpServletResponse.SC_OK, EXPIRED);
            return;
        }
        if (pending.pendingRef() == null || !pending.tryStartPoll(now, MIN_POLL_INTERVAL_MILLIS)) {
            Responses.json(response, HttpServletResponse.SC_OK, PENDING);
            return;
        }
        try {
            poll(request, response, httpSession, pending);
        } finally {
            pending.endPoll();
        }
    }

    private void poll(HttpServletRequest request, HttpServletResponse response, HttpSession httpSession,
                      PendingEnchantedLink pending) throws IOException {
        JwtResponse granted;
        try {
            granted = client.enchantedLinkPendingSession(pending.pendingRef());
        } catch (DescopeException e) {
            answerFailure(response, httpSession, e);
            return;
        } catch (IllegalArgumentException e) {
            forget(httpSession);
            Responses.json(response, HttpServletResponse.SC_OK, EXPIRED);
            return;
        }
        forget(httpSession);
        ValidationResult result = validator.validateSession(granted.sessionJwt());
        if (!result.isValid()) {
            LOG.log(Level.WARNING, "Descope's enchanted link session failed validation: {0}",
                    result.rejection().orElseThrow());
            Responses.json(response, HttpServletResponse.SC_OK, EXPIRED);
            return;
        }
        String refreshJwt = granted.refreshJwt() == null || granted.refreshJwt().isEmpty() ? null : granted.refreshJwt();
        try {
            signIn.install(request, response, new SessionTokens(granted.sessionJwt(), refreshJwt,
                    granted.cookieMaxAge()), result.session().orElseThrow());
        } catch (SessionTooLargeException e) {
            LOG.log(Level.ERROR, e.getMessage());
            Responses.json(response, HttpServletResponse.SC_INTERNAL_SERVER_ERROR, EXPIRED);
            return;
        }
        LOG.log(Level.INFO, "User {0} signed in with an enchanted link", result.session().orElseThrow().userId());
        Responses.json(response, HttpServletResponse.SC_OK,
                "{\"status\":\"done\",\"next\":" + Responses.jsonString(pending.next()) + "}");
    }

    private static void answerFailure(HttpServletResponse response, HttpSession httpSession, DescopeException e)
            throws IOException {
        if (e.isPending()) {
            Responses.json(response, HttpServletResponse.SC_OK, PENDING);
        } else if (e.isRateLimited()) {
            response.setHeader("Retry-After", Long.toString(Math.max(1, e.retryAfterSeconds().orElse(5))));
            Responses.json(response, 429, PENDING);
        } else if (e.isServerError() || e.isTransport() || e.isTimeout() || e.isMalformedResponse()
                || e.isUnauthorized() && e.errorCode() == null) {
            LOG.log(Level.INFO, "Enchanted link poll failed: {0}", e.getMessage());
            response.setHeader("Retry-After", "5");
            Responses.json(response, HttpServletResponse.SC_SERVICE_UNAVAILABLE, PENDING);
        } else {
            forget(httpSession);
            Responses.json(response, HttpServletResponse.SC_OK, EXPIRED);
        }
    }

    private static PendingEnchantedLink pendingIn(HttpSession httpSession) {
        if (httpSession == null) {
            return null;
        }
        try {
            return httpSession.getAttribute(PendingEnchantedLink.SESSION_ATTRIBUTE) instanceof PendingEnchantedLink p
                    ? p : null;
        } catch (IllegalStateException invalidated) {
            return null;
        }
    }

    private static void forget(HttpSession httpSession) {
        try {
            httpSession.removeAttribute(PendingEnchantedLink.SESSION_ATTRIBUTE);
        } catch (IllegalStateException invalidated) {
            // already gone
        }
    }
}
