package io.descopefilter.jakarta.internal.session;

import io.descopefilter.core.DescopeSession;
import io.descopefilter.core.RefreshResult;
import io.descopefilter.core.RefreshedSession;
import io.descopefilter.core.SessionRefresher;
import io.descopefilter.core.SessionValidator;
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
 */
public final class SessionResolver {

    private static final System.Logger LOG = System.getLogger(SessionResolver.class.getName());
    private static final String BEARER = "Bearer ";

    private final SessionStore store;
    private final SessionValidator validator;
    private final SessionRefresher refresher;
    private final SignIn signIn;
    private final boolean acceptBearer;

    public SessionResolver(SessionStore store, SessionValidator validator, SessionRefresher refresher,
                           SignIn signIn, boolean acceptBearer) {
        this.store = store;
        this.signIn = signIn;
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
        return validator.validateSession(jwt).session()
                .map(session -> new ResolvedSession(session, new SessionTokens(jwt, null, -1)));
    }

    private Optional<ResolvedSession> fromStore(SessionTokens tokens, HttpServletRequest request,
                                                HttpServletResponse response) {
        if (tokens.sessionJwt() != null) {
            Optional<DescopeSession> session = validator.validateSession(tokens.sessionJwt()).session();
            if (session.isPresent()) {
                return Optional.of(new ResolvedSession(session.get(), tokens));
            }
        }
        if (!tokens.hasRefreshJwt()) {
            return Optional.empty();
        }
        RefreshResult result = refresher.refresh(tokens.refreshJwt());
        if (result.isSuccess()) {
            return Optional.of(writeBack(result.refreshed().orElseThrow(), request, response));
        }
        RefreshResult.Failure failure = result.failure().orElseThrow();
        LOG.log(Level.DEBUG, "Session refresh failed: {0}", failure);
        if (isFinal(failure)) {
            store.clear(request, response);
        }
        return Optional.empty();
    }

    private ResolvedSession writeBack(RefreshedSession refreshed, HttpServletRequest request,
                                      HttpServletResponse response) {
        SessionTokens renewed = new SessionTokens(refreshed.sessionJwt(), refreshed.refreshJwt(),
                refreshed.cookieMaxAge());
        signIn.storeRefreshed(request, response, renewed);
        return new ResolvedSession(refreshed.session(), renewed);
    }

    /** Failures after which the stored tokens can never work again, as opposed to Descope being unreachable. */
    private static boolean isFinal(RefreshResult.Failure failure) {
        return failure == RefreshResult.Failure.REFRESH_TOKEN_INVALID
                || failure == RefreshResult.Failure.REJECTED_BY_DESCOPE
                || failure == RefreshResult.Failure.NEW_SESSION_INVALID;
    }
}
