package io.descopefilter.jakarta.internal.enchanted;

import io.descopefilter.core.client.DescopeClient;
import io.descopefilter.core.client.DescopeException;
import io.descopefilter.core.client.JwtResponse;
import io.descopefilter.jakarta.LoginProblem;
import io.descopefilter.jakarta.internal.pages.DescopeFailures;
import io.descopefilter.jakarta.internal.pages.Outcome;
import io.descopefilter.jakarta.internal.session.SignIn;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import java.lang.System.Logger.Level;
import java.time.Clock;

/**
 * The enchanted link poll ({@code GET}, JSON). It polls Descope only for the {@code pendingRef} in this browser's
 * own {@code HttpSession}, so a poll from any other browser gets 403 {@code {"status":"none"}} (EL-02). On
 * {@code done} the session is installed through {@link SignIn} with a new session ID (SE-01) and the reference is
 * forgotten (EL-03). Polls are short (one Descope call at most) and at most one per second per browser reaches
 * Descope (EL-04).
 */
public final class EnchantedPoll {

    private static final System.Logger LOG = System.getLogger(EnchantedPoll.class.getName());
    static final long MIN_POLL_INTERVAL_MILLIS = 1000;
    /** {@code Retry-After} of a poll while Descope is unavailable: the page polls again soon by itself. */
    private static final long POLL_RETRY_SECONDS = 5;
    private static final String PENDING = "{\"status\":\"pending\"}";
    private static final String EXPIRED = "{\"status\":\"expired\"}";
    private static final String NONE = "{\"status\":\"none\"}";

    private final DescopeClient client;
    private final SignIn signIn;
    private final Clock clock;

    public EnchantedPoll(DescopeClient client, SignIn signIn, Clock clock) {
        this.client = client;
        this.signIn = signIn;
        this.clock = clock;
    }

    public Outcome handle(HttpServletRequest request, HttpServletResponse response) {
        if (!"GET".equals(request.getMethod())) {
            return new Outcome.MethodNotAllowed("GET");
        }
        HttpSession httpSession = request.getSession(false);
        PendingEnchantedLink pending = PendingEnchantedLink.in(httpSession);
        if (pending == null) {
            return new Outcome.Json(HttpServletResponse.SC_FORBIDDEN, NONE);
        }
        long now = clock.millis();
        if (pending.isExpired(now)) {
            PendingEnchantedLink.forget(httpSession);
            return new Outcome.Json(HttpServletResponse.SC_OK, EXPIRED);
        }
        if (pending.pendingRef() == null || !pending.tryStartPoll(now, MIN_POLL_INTERVAL_MILLIS)) {
            return new Outcome.Json(HttpServletResponse.SC_OK, PENDING);
        }
        try {
            return poll(request, response, httpSession, pending);
        } finally {
            pending.endPoll();
        }
    }

    private Outcome poll(HttpServletRequest request, HttpServletResponse response, HttpSession httpSession,
                         PendingEnchantedLink pending) {
        JwtResponse granted;
        try {
            granted = client.enchantedLinkPendingSession(pending.pendingRef());
        } catch (DescopeException e) {
            return failure(httpSession, e);
        } catch (IllegalArgumentException e) {
            PendingEnchantedLink.forget(httpSession);
            return new Outcome.Json(HttpServletResponse.SC_OK, EXPIRED);
        }
        PendingEnchantedLink.forget(httpSession);
        SignIn.Result result = signIn.install(request, response, granted, session -> true);
        if (result instanceof SignIn.Result.Refused refused) {
            return new Outcome.Json(refused.problem() == LoginProblem.SESSION_TOO_LARGE
                    ? HttpServletResponse.SC_INTERNAL_SERVER_ERROR : HttpServletResponse.SC_OK, EXPIRED);
        }
        LOG.log(Level.INFO, "User {0} signed in with an enchanted link",
                ((SignIn.Result.SignedIn) result).session().userId());
        return new Outcome.Json(HttpServletResponse.SC_OK,
                "{\"status\":\"done\",\"next\":" + Outcome.Json.quote(pending.next()) + "}");
    }

    private static Outcome failure(HttpSession httpSession, DescopeException e) {
        if (e.isPending()) {
            return new Outcome.Json(HttpServletResponse.SC_OK, PENDING);
        }
        LoginProblem problem = DescopeFailures.problemOf(e);
        if (problem == LoginProblem.RATE_LIMITED) {
            return new Outcome.Json(429, PENDING, Math.max(1, e.retryAfterSeconds().orElse(POLL_RETRY_SECONDS)));
        }
        if (problem == LoginProblem.UNAVAILABLE) {
            LOG.log(Level.INFO, "Enchanted link poll failed: {0}", e.getMessage());
            return new Outcome.Json(HttpServletResponse.SC_SERVICE_UNAVAILABLE, PENDING, POLL_RETRY_SECONDS);
        }
        PendingEnchantedLink.forget(httpSession);
        return new Outcome.Json(HttpServletResponse.SC_OK, EXPIRED);
    }
}
