package io.descopefilter.jakarta.internal.session;

import io.descopefilter.core.DescopeClient;
import io.descopefilter.core.DescopeException;
import io.descopefilter.core.JwtResponse;
import io.descopefilter.core.DescopeSession;
import io.descopefilter.core.SessionValidator;
import io.descopefilter.core.ValidationResult;
import io.descopefilter.jakarta.LoginProblem;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import java.lang.System.Logger.Level;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The one door through which a session that Descope handed us becomes this browser's session, for every flow
 * (magic, embedded and enchanted links): the session JWT is validated locally before it is trusted (TX-07), the
 * flow may refuse the user it names, the refresh JWT is normalised, and whatever is refused is revoked at
 * Descope. Installing ends whatever session the browser had: a session of another user is revoked and its
 * {@code HttpSession} invalidated, so nothing of it carries over (TX-08); a session of the same user keeps its
 * {@code HttpSession} under a new ID. Either way the session ID changes before the new tokens are stored, so an ID
 * planted before login is dead afterwards (SE-01).
 */
public final class SignIn {

    private static final System.Logger LOG = System.getLogger(SignIn.class.getName());

    /** How an attempt to install a granted session ended. */
    public sealed interface Result {
        /** The browser is now signed in as {@code session}'s user. */
        record SignedIn(DescopeSession session) implements Result {
        }

        /** Nothing was installed, and the grant was revoked at Descope. */
        record Refused(LoginProblem problem) implements Result {
        }
    }

    private final SessionStore store;
    private final SessionValidator validator;
    private final DescopeClient client;
    private final SessionClock sessionClock;

    public SignIn(SessionStore store, SessionValidator validator, DescopeClient client, SessionClock sessionClock) {
        this.store = store;
        this.validator = validator;
        this.client = client;
        this.sessionClock = sessionClock;
    }

    /**
     * Validates and installs what Descope granted.
     *
     * @param accepts whether the flow accepts the session's user (e.g. the account the link named)
     */
    public Result install(HttpServletRequest request, HttpServletResponse response, JwtResponse granted,
                          Predicate<DescopeSession> accepts) {
        String refreshJwt = granted.refreshJwt() == null || granted.refreshJwt().isEmpty() ? null
                : granted.refreshJwt();
        ValidationResult result = validator.validateSession(granted.sessionJwt());
        if (!result.isValid()) {
            LOG.log(Level.WARNING, "Descope granted a session JWT that failed validation: {0}",
                    result.rejection().orElseThrow());
            revokeQuietly(refreshJwt);
            return new Result.Refused(LoginProblem.INVALID_LINK);
        }
        DescopeSession session = result.session().orElseThrow();
        if (!accepts.test(session)) {
            revokeQuietly(refreshJwt);
            return new Result.Refused(LoginProblem.INVALID_LINK);
        }
        try {
            replaceSession(request, response, new SessionTokens(granted.sessionJwt(), refreshJwt,
                    granted.cookieMaxAge()), session);
        } catch (SessionTooLargeException e) {
            LOG.log(Level.ERROR, e.getMessage());
            revokeQuietly(refreshJwt);
            return new Result.Refused(LoginProblem.SESSION_TOO_LARGE);
        }
        return new Result.SignedIn(session);
    }

    /** Stores the tokens of a transparent refresh (already validated by the refresher). */
    public void storeRefreshed(HttpServletRequest request, HttpServletResponse response, SessionTokens renewed) {
        if (!response.isCommitted()) {
            store.write(request, response, renewed);
        }
    }

    private void replaceSession(HttpServletRequest request, HttpServletResponse response, SessionTokens tokens,
                                DescopeSession session) {
        Optional<SessionTokens> previous = store.read(request);
        boolean otherUser = previous.isPresent() && !previousUserIs(previous.get(), session.userId());
        HttpSession httpSession = request.getSession(false);
        if (httpSession != null) {
            try {
                if (otherUser) {
                    httpSession.invalidate();
                } else {
                    request.changeSessionId();
                }
            } catch (IllegalStateException alreadyInvalidated) {
                // a new session is created below if the store needs one
            }
        }
        store.write(request, response, tokens);
        sessionClock.started(tokens);
        if (otherUser) {
            previous.filter(SessionTokens::hasRefreshJwt)
                    .filter(old -> validator.validateRefresh(old.refreshJwt()).isValid())
                    .ifPresent(old -> revokeQuietly(old.refreshJwt()));
        }
    }

    private boolean previousUserIs(SessionTokens previous, String userId) {
        Optional<DescopeSession> known = Optional.empty();
        if (previous.sessionJwt() != null) {
            known = validator.validateSession(previous.sessionJwt()).session();
        }
        if (known.isEmpty() && previous.hasRefreshJwt()) {
            known = validator.validateRefresh(previous.refreshJwt()).session();
        }
        return known.map(s -> s.userId().equals(userId)).orElse(false);
    }

    /**
     * Ends every session of the refresh JWT's user at Descope; a failure is logged, never fatal.
     *
     * @return whether Descope accepted it (a rotated-away refresh JWT is refused: the caller may try a newer one)
     */
    boolean revokeEverywhereQuietly(String refreshJwt) {
        try {
            client.logoutAll(refreshJwt);
            return true;
        } catch (DescopeException | IllegalArgumentException e) {
            LOG.log(Level.INFO, "Descope did not end every session with this refresh JWT: {0}", e.getMessage());
            return false;
        }
    }

    /** Revokes a refresh JWT at Descope; a failure is logged, never fatal (the local session is gone anyway). */
    void revokeQuietly(String refreshJwt) {
        if (refreshJwt == null) {
            return;
        }
        try {
            client.logout(refreshJwt);
        } catch (DescopeException | IllegalArgumentException e) {
            LOG.log(Level.INFO, "Could not revoke a session at Descope: {0}", e.getMessage());
        }
    }
}
