package io.descopefilter.jakarta.session;

import io.descopefilter.core.client.DescopeClient;
import io.descopefilter.core.session.SessionRefresher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import java.util.Optional;

/**
 * Ends this browser's session: revokes the refresh JWT at Descope (best effort: the local session ends even when
 * Descope cannot be reached), clears the stored tokens (cookies expired with the same attributes they were set
 * with) and invalidates the {@code HttpSession}. A session JWT already handed out stays valid until its
 * {@code exp}, as self-contained tokens do (documented, SE-06).
 */
public final class SignOut {

    private final SessionStore store;
    private final DescopeClient client;
    private final SessionRefresher refresher;

    public SignOut(SessionStore store, DescopeClient client, SessionRefresher refresher) {
        this.store = store;
        this.client = client;
        this.refresher = refresher;
    }

    public void signOut(HttpServletRequest request, HttpServletResponse response) {
        Optional<SessionTokens> tokens = current(request);
        store.clear(request, response);
        request.removeAttribute(SessionTokens.REQUEST_ATTRIBUTE);
        HttpSession session = request.getSession(false);
        if (session != null) {
            try {
                session.invalidate();
            } catch (IllegalStateException alreadyInvalidated) {
                // nothing left to end
            }
        }
        tokens.filter(SessionTokens::hasRefreshJwt).ifPresent(t -> {
            refresher.forget(t.refreshJwt());
            SignIn.revokeQuietly(client, t.refreshJwt());
        });
    }

    /** The tokens current for this request: refreshed ones when this request refreshed, else the stored ones. */
    private Optional<SessionTokens> current(HttpServletRequest request) {
        return request.getAttribute(SessionTokens.REQUEST_ATTRIBUTE) instanceof SessionTokens tokens
                ? Optional.of(tokens) : store.read(request);
    }
}
