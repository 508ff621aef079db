package io.descopefilter.jakarta.session;

import io.descopefilter.core.client.DescopeClient;
import io.descopefilter.core.client.DescopeException;
import io.descopefilter.core.session.DescopeSession;
import io.descopefilter.core.session.SessionValidator;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import java.lang.System.Logger.Level;
import java.util.Optional;

/**
 * Installs a freshly verified session in the browser. Whatever session the browser had ends first: a session of
 * another user is revoked at Descope and its {@code HttpSession} invalidated, so nothing of it carries over
 * (TX-08); a session of the same user keeps its {@code HttpSession} under a new ID. Either way the session ID
 * changes before the new tokens are stored, so an ID planted before login is dead afterwards (SE-01).
 */
public final class SignIn {

    private static final System.Logger LOG = System.getLogger(SignIn.class.getName());

    private final SessionStore store;
    private final SessionValidator validator;
    private final DescopeClient client;

    public SignIn(SessionStore store, SessionValidator validator, DescopeClient client) {
        this.store = store;
        this.validator = validator;
        this.client = client;
    }

    /**
     * Stores {@code tokens} (already validated into {@code session}) as this browser's session.
     *
     * @throws SessionTooLargeException when the cookie store cannot hold the tokens
     */
    public void install(HttpServletRequest request, HttpServletResponse response, SessionTokens tokens,
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
        request.setAttribute(SessionTokens.REQUEST_ATTRIBUTE, tokens);
        if (otherUser) {
            previous.filter(SessionTokens::hasRefreshJwt)
                    .filter(old -> validator.validateRefresh(old.refreshJwt()).isValid())
                    .ifPresent(old -> revokeQuietly(client, old.refreshJwt()));
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

    /** Revokes a refresh JWT at Descope; a failure is logged, never fatal (the local session is gone anyway). */
    static void revokeQuietly(DescopeClient client, String refreshJwt) {
        try {
            client.logout(refreshJwt);
        } catch (DescopeException | IllegalArgumentException e) {
            LOG.log(Level.INFO, "Could not revoke a previous session at Descope: {0}", e.getMessage());
        }
    }
}
