package io.descopefilter.jakarta.internal.enchanted;

import io.descopefilter.core.DeliveryMethod;
import io.descopefilter.core.DescopeClient;
import io.descopefilter.core.DescopeEvent;
import io.descopefilter.core.DescopeException;
import io.descopefilter.core.JwtResponse;
import io.descopefilter.core.internal.events.JfrSignIn;
import io.descopefilter.core.store.StoreUnavailableException;
import io.descopefilter.jakarta.LoginProblem;
import io.descopefilter.jakarta.internal.events.FilterEvents;
import io.descopefilter.jakarta.internal.pages.DescopeFailures;
import io.descopefilter.jakarta.internal.pages.Outcome;
import io.descopefilter.jakarta.internal.session.SignIn;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.lang.System.Logger.Level;
import java.time.Clock;

/**
 * The enchanted link poll ({@code GET}, JSON). It polls Descope only for the {@code pendingRef} waiting under this
 * browser's own handle ({@link PendingSignIns}), so a poll from any other browser gets 403 {@code {"status":"none"}}
 * (EL-02). On
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
    private final PendingSignIns waits;
    private final Clock clock;

    private final FilterEvents events;

    EnchantedPoll(DescopeClient client, SignIn signIn, PendingSignIns waits, Clock clock,
                  FilterEvents events) {
        this.events = events;
        this.client = client;
        this.signIn = signIn;
        this.waits = waits;
        this.clock = clock;
    }

    public Outcome handle(HttpServletRequest request, HttpServletResponse response) {
        if (!"GET".equals(request.getMethod())) {
            return new Outcome.MethodNotAllowed("GET");
        }
        PendingSignIns.Handle handle = waits.handleOf(request);
        if (handle == null) {
            return new Outcome.Json(HttpServletResponse.SC_FORBIDDEN, NONE);
        }
        long now = clock.millis();
        if (handle.isExpired(now)) {
            waits.end(handle, response);
            return new Outcome.Json(HttpServletResponse.SC_OK, EXPIRED);
        }
        PendingEnchantedLink pending = null;
        boolean started = false;
        try {
            pending = waits.find(handle);
            if (pending == null || !pending.tryStartPoll(now, MIN_POLL_INTERVAL_MILLIS)) {
                return new Outcome.Json(HttpServletResponse.SC_OK, PENDING);
            }
            started = true;
            if (!waits.claimPoll(handle)) {
                pending.endPoll();
                return new Outcome.Json(HttpServletResponse.SC_OK, PENDING);
            }
        } catch (StoreUnavailableException e) {
            if (started) {
                pending.endPoll();
            }
            // The wait is kept; the page polls again by itself once the store answers.
            return new Outcome.Json(HttpServletResponse.SC_SERVICE_UNAVAILABLE, PENDING, POLL_RETRY_SECONDS);
        }
        try {
            return poll(request, response, handle, pending);
        } finally {
            pending.endPoll();
        }
    }

    private Outcome poll(HttpServletRequest request, HttpServletResponse response, PendingSignIns.Handle handle,
                         PendingEnchantedLink pending) {
        JwtResponse granted;
        try {
            granted = client.enchantedLinkPendingSession(pending.pendingRef());
        } catch (DescopeException e) {
            return failure(response, handle, e);
        } catch (IllegalArgumentException e) {
            waits.end(handle, response);
            return new Outcome.Json(HttpServletResponse.SC_OK, EXPIRED);
        }
        waits.end(handle, response);
        JfrSignIn recording = new JfrSignIn();
        recording.begin();
        SignIn.Result result = signIn.install(request, response, granted, session -> true);
        recording.end();
        if (recording.shouldCommit()) {
            recording.method = "ENCHANTED";
            recording.signedIn = result instanceof SignIn.Result.SignedIn;
            recording.refusal = result instanceof SignIn.Result.Refused r ? r.problem().reason() : null;
            recording.commit();
        }
        if (result instanceof SignIn.Result.SignedIn done) {
            events.signedIn(DescopeEvent.SignInMethod.ENCHANTED, DeliveryMethod.EMAIL,
                    done.session(), granted);
        }
        if (result instanceof SignIn.Result.Refused refused) {
            events.signInRefused(DescopeEvent.SignInMethod.ENCHANTED, refused.problem());
            return new Outcome.Json(refused.problem() == LoginProblem.SESSION_TOO_LARGE
                    ? HttpServletResponse.SC_INTERNAL_SERVER_ERROR : HttpServletResponse.SC_OK, EXPIRED);
        }
        LOG.log(Level.DEBUG, "User {0} signed in with an enchanted link",
                ((SignIn.Result.SignedIn) result).session().userId());
        return new Outcome.Json(HttpServletResponse.SC_OK,
                "{\"status\":\"done\",\"next\":" + Outcome.Json.quote(pending.next()) + "}");
    }

    private Outcome failure(HttpServletResponse response, PendingSignIns.Handle handle, DescopeException e) {
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
        waits.end(handle, response);
        return new Outcome.Json(HttpServletResponse.SC_OK, EXPIRED);
    }
}
