package io.descopefilter.jakarta.principal;

import io.descopefilter.core.session.DescopeSession;
import io.descopefilter.jakarta.web.RequestAttributes;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletRequestWrapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.util.Optional;

/**
 * The request as the application sees it: the user comes only from the session the filter validated, never from
 * headers, parameters or attributes a client could send (SE-09). {@link #logout()} ends the session,
 * {@link #login(String, String)} is refused (users sign in with links) and {@link #authenticate} sends the login
 * challenge when there is no session.
 */
public final class DescopeRequest extends HttpServletRequestWrapper {

    public static final String AUTH_TYPE = "DESCOPE";

    /** What {@link #logout()} and {@link #authenticate} need from the filter. */
    public interface Actions {
        void signOut(HttpServletRequest request, HttpServletResponse response);

        void challenge(HttpServletRequest request, HttpServletResponse response) throws IOException;
    }

    private final HttpServletResponse response;
    private final Actions actions;
    private volatile DescopePrincipal principal;

    public DescopeRequest(HttpServletRequest request, HttpServletResponse response, DescopeSession session,
                          Actions actions) {
        super(request);
        this.response = response;
        this.actions = actions;
        this.principal = session == null ? null : new DescopePrincipal(session);
    }

    /** The {@code DescopeRequest} inside {@code request} (which may be wrapped again by the application). */
    public static Optional<DescopeRequest> find(ServletRequest request) {
        ServletRequest current = request;
        while (current != null) {
            if (current instanceof DescopeRequest found) {
                return Optional.of(found);
            }
            current = current instanceof ServletRequestWrapper wrapper ? wrapper.getRequest() : null;
        }
        return Optional.empty();
    }

    /** The validated session, if the user is signed in. */
    public Optional<DescopeSession> session() {
        DescopePrincipal current = principal;
        return current == null ? Optional.empty() : Optional.of(current.session());
    }

    @Override
    public DescopePrincipal getUserPrincipal() {
        return principal;
    }

    @Override
    public String getRemoteUser() {
        DescopePrincipal current = principal;
        return current == null ? null : current.getName();
    }

    @Override
    public boolean isUserInRole(String role) {
        DescopePrincipal current = principal;
        return current != null && current.hasRole(role);
    }

    @Override
    public String getAuthType() {
        return principal == null ? null : AUTH_TYPE;
    }

    @Override
    public boolean authenticate(HttpServletResponse challengeResponse) throws IOException {
        if (principal != null) {
            return true;
        }
        actions.challenge(this, challengeResponse);
        return false;
    }

    @Override
    public void login(String username, String password) throws ServletException {
        throw new ServletException("DescopeAuthFilter signs users in with links; login(username, password) is "
                + "not supported");
    }

    @Override
    public void logout() {
        principal = null;
        removeAttribute(RequestAttributes.SESSION);
        actions.signOut((HttpServletRequest) getRequest(), response);
    }
}
