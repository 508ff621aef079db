package io.descopefilter.jakarta.internal.session;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import java.util.Optional;

/**
 * Server-side store: the tokens live in the {@code HttpSession} under {@code io.descopefilter.tokens}; the
 * browser holds only the container's session cookie. The tokens object is replaced, never changed, so that
 * session replication sees every update.
 */
public final class HttpSessionStore implements SessionStore {

    public static final String ATTRIBUTE = "io.descopefilter.tokens";

    @Override
    public Optional<SessionTokens> read(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session == null) {
            return Optional.empty();
        }
        try {
            return session.getAttribute(ATTRIBUTE) instanceof SessionTokens tokens ? Optional.of(tokens) : Optional.empty();
        } catch (IllegalStateException invalidated) {
            return Optional.empty();
        }
    }

    @Override
    public void write(HttpServletRequest request, HttpServletResponse response, SessionTokens tokens) {
        request.getSession(true).setAttribute(ATTRIBUTE, tokens);
    }

    @Override
    public void clear(HttpServletRequest request, HttpServletResponse response) {
        HttpSession session = request.getSession(false);
        if (session != null) {
            try {
                session.removeAttribute(ATTRIBUTE);
            } catch (IllegalStateException alreadyInvalidated) {
                // nothing left to clear
            }
        }
    }
}
