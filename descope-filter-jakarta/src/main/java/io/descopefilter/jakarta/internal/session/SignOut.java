package io.descopefilter.jakarta.internal.session;

import io.descopefilter.core.SessionRefresher;
import io.descopefilter.jakarta.internal.events.FilterEvents;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Optional;

/**
 * Ends this browser's session: revokes the refresh JWT at Descope, and any refresh JWT a refresh rotated it into
 * (best effort: the local session ends even when Descope cannot be reached), clears the stored tokens (cookies
 * expired with the same attributes they were set with) and invalidates the {@code HttpSession}. A session JWT
 * already handed out stays valid until its {@code exp}, as self-contained tokens do (documented, SE-06).
 */
public final class SignOut {

    private static final System.Logger LOG = System.getLogger(SignOut.class.getName());

    private final SessionStore store;
    private final SignIn signIn;
    private final SessionRefresher refresher;
    private final FilterEvents events;

    public SignOut(SessionStore store, SignIn signIn, SessionRefresher refresher) {
        this(store, signIn, refresher, FilterEvents.none());
    }

    public SignOut(SessionStore store, SignIn signIn, SessionRefresher refresher, FilterEvents events) {
        this.events = events;
        this.store = store;
        this.signIn = signIn;
        this.refresher = refresher;
    }

    /** Signs out; {@code current} are the tokens this request resolved (refreshed ones when it refreshed). */
    public void signOut(HttpServletRequest request, HttpServletResponse response, Optional<SessionTokens> current) {
        signOut(request, response, current, false);
    }

    /**
     * Signs out here and, with {@code everywhere}, ends every session of the user at Descope: other browsers keep
     * their session JWT until it expires (minutes), then their refresh fails and they are signed out.
     */
    public void signOut(HttpServletRequest request, HttpServletResponse response, Optional<SessionTokens> current,
                        boolean everywhere) {
        Optional<SessionTokens> tokens = current.isPresent() ? current : store.read(request);
        if (tokens.isPresent()) {
            events.signedOut(everywhere);
        }
        store.clear(request, response);
        HttpSession session = request.getSession(false);
        if (session != null) {
            try {
                session.invalidate();
            } catch (IllegalStateException alreadyInvalidated) {
                // nothing left to end
            }
        }
        tokens.filter(SessionTokens::hasRefreshJwt).ifPresent(t -> revoke(t.refreshJwt(), everywhere));
    }

    /**
     * Revokes the refresh JWT at Descope first, so that no refresh of it can start after the kept results are
     * forgotten; then the refresh JWTs a refresh rotated it into (a logout racing its page's refresh still carries
     * the rotated-away one, and revoking that one does not end them). Everywhere, the first of them that Descope
     * accepts ends every session of the user; a rotated-away one is refused, so the newer ones are tried.
     */
    private void revoke(String refreshJwt, boolean everywhere) {
        if (everywhere) {
            boolean ended = signIn.revokeEverywhereQuietly(refreshJwt);
            List<String> rotated = refresher.forget(refreshJwt);
            for (int i = rotated.size() - 1; i >= 0 && !ended; i--) {
                ended = signIn.revokeEverywhereQuietly(rotated.get(i));
            }
            if (!ended) {
                LOG.log(Level.WARNING, "Could not end every session at Descope");
                rotated.forEach(signIn::revokeQuietly);
            }
        } else {
            signIn.revokeQuietly(refreshJwt);
            refresher.forget(refreshJwt).forEach(signIn::revokeQuietly);
        }
    }
}
