package io.descopefilter.jakarta.internal.session;

import io.descopefilter.core.DescopeEvent;
import io.descopefilter.core.DescopeSession;
import io.descopefilter.core.RefreshResult;
import io.descopefilter.core.RefreshedSession;
import io.descopefilter.core.SessionRefresher;
import io.descopefilter.core.SessionValidator;
import io.descopefilter.core.ValidationResult;
import io.descopefilter.core.internal.events.JfrRefresh;
import io.descopefilter.jakarta.internal.events.FilterEvents;
import io.descopefilter.jakarta.internal.http.ClientAddress;
import io.descopefilter.core.store.SharedLimiter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.lang.System.Logger.Level;
import java.util.Enumeration;
import java.util.Optional;

/**
 * Finds the valid session of a request, or none. The session JWT comes from {@code Authorization: Bearer} (only
 * when enabled; a bearer header is then the only credential looked at) or from the {@link SessionStore}, and is
 * validated locally (a warm verified-token cache makes this a map lookup: no network, no lock). An expired or
 * unusable session JWT with a refresh JWT is refreshed transparently and the new tokens are written back. Every
 * failure means "signed out"; nothing here throws.
 *
 * <p>Refreshes that Descope refuses are counted per client ({@code failedRefreshLimitPerClient}); a client past its
 * limit is not refreshed at all until the window ends, so replayed or stolen refresh JWTs from one client cannot
 * spend the per-address quota Descope grants the whole application.
 */
public final class SessionResolver {

    private static final System.Logger LOG = System.getLogger(SessionResolver.class.getName());
    private static final String BEARER = "Bearer ";

    private final SessionStore store;
    private final SessionValidator validator;
    private final SessionRefresher refresher;
    private final SignIn signIn;
    private final SessionClock sessionClock;
    private final boolean acceptBearer;
    private final ClientAddress clients;
    /** Refused refreshes per client; {@code null} for no limit. */
    private final SharedLimiter failedRefreshes;
    private final FilterEvents events;

    public SessionResolver(SessionStore store, SessionValidator validator, SessionRefresher refresher,
                           SignIn signIn, SessionClock sessionClock, boolean acceptBearer) {
        this(store, validator, refresher, signIn, sessionClock, acceptBearer, null, null);
    }

    /**
     * @param clients         the client key of a request, for {@code failedRefreshes}
     * @param failedRefreshes refreshes Descope refused, per client; {@code null} for no limit
     */
    public SessionResolver(SessionStore store, SessionValidator validator, SessionRefresher refresher,
                           SignIn signIn, SessionClock sessionClock, boolean acceptBearer, ClientAddress clients,
                           SharedLimiter failedRefreshes) {
        this(store, validator, refresher, signIn, sessionClock, acceptBearer, clients, failedRefreshes,
                FilterEvents.none());
    }

    /** @param events where refreshes and refused sessions are reported (never a valid session: the hot path) */
    public SessionResolver(SessionStore store, SessionValidator validator, SessionRefresher refresher,
                           SignIn signIn, SessionClock sessionClock, boolean acceptBearer, ClientAddress clients,
                           SharedLimiter failedRefreshes, FilterEvents events) {
        this.events = events;
        this.clients = clients;
        this.failedRefreshes = failedRefreshes;
        this.store = store;
        this.signIn = signIn;
        this.sessionClock = sessionClock;
        this.validator = validator;
        this.refresher = refresher;
        this.acceptBearer = acceptBearer;
    }

    /** The request's session; empty when it has none, or an invalid one that could not be refreshed. */
    public Optional<ResolvedSession> resolve(HttpServletRequest request, HttpServletResponse response) {
        try {
            if (acceptBearer && request.getHeader("Authorization") != null) {
                return fromBearer(request);
            }
            Optional<SessionTokens> stored = store.read(request);
            return stored.isEmpty() ? Optional.empty() : fromStore(stored.get(), request, response);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Session resolution failed with {0}; treating the request as signed out",
                    e.getClass().getName());
            return Optional.empty();
        }
    }

    private Optional<ResolvedSession> fromBearer(HttpServletRequest request) {
        Enumeration<String> headers = request.getHeaders("Authorization");
        if (headers == null || !headers.hasMoreElements()) {
            return Optional.empty();
        }
        String header = headers.nextElement();
        if (headers.hasMoreElements() || header.length() <= BEARER.length()
                || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return Optional.empty();
        }
        String jwt = header.substring(BEARER.length()).trim();
        ValidationResult result = validator.validateSession(jwt);
        if (!result.isValid()) {
            events.sessionRefused(DescopeEvent.SessionRefusal.of(result.rejection().orElseThrow()));
        }
        return result.session()
                .map(session -> new ResolvedSession(session, new SessionTokens(jwt, null, -1), null));
    }

    private Optional<ResolvedSession> fromStore(SessionTokens tokens, HttpServletRequest request,
                                                HttpServletResponse response) {
        DescopeEvent.SessionRefusal refusal = DescopeEvent.SessionRefusal.EXPIRED;
        if (tokens.sessionJwt() != null) {
            ValidationResult validated = validator.validateSession(tokens.sessionJwt());
            Optional<DescopeSession> session = validated.session();
            if (session.isPresent()) {
                return withinLimits(new ResolvedSession(session.get(), tokens, sessionClock.signedInAt(tokens)
                        .orElse(null)), request, response);
            }
            refusal = DescopeEvent.SessionRefusal.of(validated.rejection().orElseThrow());
            // An expired session JWT is what a refresh is for; anything else is worth reporting even if it heals.
            if (refusal != DescopeEvent.SessionRefusal.EXPIRED && tokens.hasRefreshJwt()) {
                events.sessionRefused(refusal);
            }
        }
        if (!tokens.hasRefreshJwt()) {
            events.sessionRefused(refusal);
            return Optional.empty();
        }
        String client = failedRefreshes == null ? null : clients.of(request);
        if (client != null && failedRefreshes.isExhausted(client)) {
            LOG.log(Level.DEBUG, "Refresh skipped: too many refused refreshes from this client");
            return Optional.empty();
        }
        JfrRefresh recording = new JfrRefresh();
        recording.begin();
        long start = System.nanoTime();
        RefreshResult result = refresher.refresh(tokens.refreshJwt());
        recording.end();
        if (recording.shouldCommit()) {
            recording.succeeded = result.isSuccess();
            recording.failure = result.failure().map(Enum::name).orElse(null);
            recording.commit();
        }
        events.refreshed(result, start);
        if (result.isSuccess()) {
            return withinLimits(writeBack(tokens, result.refreshed().orElseThrow(), request, response), request,
                    response);
        }
        RefreshResult.Failure failure = result.failure().orElseThrow();
        if (client != null && failure == RefreshResult.Failure.REJECTED_BY_DESCOPE) {
            failedRefreshes.tryAcquire(client);
        }
        LOG.log(Level.DEBUG, "Session refresh failed: {0}", failure);
        if (isFinal(failure)) {
            store.clear(request, response);
        }
        return Optional.empty();
    }

    private ResolvedSession writeBack(SessionTokens old, RefreshedSession refreshed, HttpServletRequest request,
                                      HttpServletResponse response) {
        SessionTokens renewed = new SessionTokens(refreshed.sessionJwt(), refreshed.refreshJwt(),
                refreshed.cookieMaxAge());
        Optional<java.time.Instant> signedInAt = sessionClock.signedInAt(old);
        sessionClock.carryOver(old, renewed, signedInAt);
        signIn.storeRefreshed(request, response, renewed);
        return new ResolvedSession(refreshed.session(), renewed, signedInAt.orElse(null));
    }

    /** The session if it is within {@code maxSessionAge} and {@code idleTimeout}; else it ends here (sign in again). */
    private Optional<ResolvedSession> withinLimits(ResolvedSession resolved, HttpServletRequest request,
                                                   HttpServletResponse response) {
        if (sessionClock.withinLimits(resolved.tokens(), resolved.signedInAt())) {
            return Optional.of(resolved);
        }
        LOG.log(Level.INFO, "Session of user {0} passed maxSessionAge or idleTimeout; signing out",
                resolved.session().userId());
        events.sessionRefused(sessionClock.passedMaxAge(resolved.signedInAt())
                ? DescopeEvent.SessionRefusal.MAX_AGE : DescopeEvent.SessionRefusal.IDLE_TIMEOUT);
        if (!response.isCommitted()) {
            store.clear(request, response);
        }
        return Optional.empty();
    }

    /** Failures after which the stored tokens can never work again, as opposed to Descope being unreachable. */
    private static boolean isFinal(RefreshResult.Failure failure) {
        return failure == RefreshResult.Failure.REFRESH_TOKEN_INVALID
                || failure == RefreshResult.Failure.REJECTED_BY_DESCOPE
                || failure == RefreshResult.Failure.NEW_SESSION_INVALID;
    }
}
