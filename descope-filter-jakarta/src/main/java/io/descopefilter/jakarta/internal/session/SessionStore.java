package io.descopefilter.jakarta.internal.session;

import io.descopefilter.jakarta.internal.config.SessionStoreKind;
import io.descopefilter.jakarta.internal.config.CookieSettings;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.util.Optional;

/**
 * Keeps a browser's tokens between requests: in cookies ({@link CookieSessionStore}) or in the
 * {@code HttpSession} ({@link HttpSessionStore}). The one real choice of storage, as Soteria's
 * {@code HttpStorageController} models it.
 */
public interface SessionStore {

    /** The tokens this request carries; empty when there are none or they are ambiguous. */
    Optional<SessionTokens> read(HttpServletRequest request);

    /** Stores tokens, replacing any there were. */
    void write(HttpServletRequest request, HttpServletResponse response, SessionTokens tokens);

    /** Forgets the tokens. */
    void clear(HttpServletRequest request, HttpServletResponse response);

    /** Chooses the store for a {@link SessionStoreKind}. */
    static SessionStore of(SessionStoreKind kind, CookieSettings cookies) {
        return switch (kind) {
            case COOKIE -> new CookieSessionStore(cookies);
            case HTTP_SESSION -> new HttpSessionStore();
        };
    }
}
