package io.descopefilter.jakarta.internal.session;

import io.descopefilter.core.DescopeSession;
import io.descopefilter.jakarta.DescopePrincipal;
import io.descopefilter.jakarta.RequestAttributes;
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
 * challenge when there is no session. The session's tokens stay inside this wrapper.
 */
public final class DescopeRequest extends HttpServletRequestWrapper {

    public static final String AUTH_TYPE = "DESCOPE";

    /** What {@link #logout()} and {@link #authenticate} need from the filter. */
    public interface Actions {
        void signOut(HttpServletRequest request, HttpServletResponse response, Optional<SessionTokens> current);

        void challenge(HttpServletRequest request, HttpServletResponse response) throws IOException;
    }

    private final HttpServletResponse response;
    private final Actions actions;
    private volatile ResolvedSession resolved;
    private volatile DescopePrincipal principal;

    public DescopeRequest(HttpServletRequest request, HttpServletResponse response, ResolvedSession resolved,
                          Actions actions) {
        super(request);
        this.response = response;
        this.actions = actions;
        this.resolved = resolved;
        this.principal = resolved == null ? null : new DescopePrincipal(resolved.session(), resolved.signedInAt());
    }

    /**
     * Where the Jakarta Security bridge leaves the wrapper it resolved. Some servers (Payara, GlassFish) rebuild the
     * caller's security context, without its groups, when the principal the application sees is not the very
     * instance the container was told about; the filter therefore wraps the request around the same principal.
     */
    private static final String RESOLVED_BY_BRIDGE = DescopeRequest.class.getName() + ".resolvedByBridge";

    /** The same session and principal instance as {@code resolved}, around another request object. */
    private DescopeRequest(HttpServletRequest request, DescopeRequest resolved) {
        super(request);
        this.response = resolved.response;
        this.actions = resolved.actions;
        this.resolved = resolved.resolved;
        this.principal = resolved.principal;
    }

    /** Leaves this wrapper for the filter of the same request (the bridge resolved it before the filter chain). */
    void offerToFilter() {
        getRequest().setAttribute(RESOLVED_BY_BRIDGE, this);
    }

    /**
     * The session the Jakarta Security bridge resolved for this request, wrapped around {@code request} with the
     * principal instance the container was told about; empty when the bridge did not run or found nobody. Only our
     * code can construct a {@code DescopeRequest}, so an attribute of another type set by anyone is ignored.
     */
    public static Optional<DescopeRequest> resolvedByBridge(HttpServletRequest request) {
        return request.getAttribute(RESOLVED_BY_BRIDGE) instanceof DescopeRequest bridged && bridged.principal != null
                ? Optional.of(new DescopeRequest(request, bridged)) : Optional.empty();
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
        ResolvedSession current = resolved;
        return current == null ? Optional.empty() : Optional.of(current.session());
    }

    /** The resolved session, if the user is signed in. */
    public Optional<ResolvedSession> resolved() {
        return Optional.ofNullable(resolved);
    }

    /** Forgets the session in this request after a sign-out done elsewhere (the application sees nobody). */
    void forget() {
        principal = null;
        resolved = null;
        removeAttribute(RequestAttributes.SESSION);
    }

    /** The tokens of the signed-in session (for updates and step-up, which Descope wants the refresh JWT for). */
    public Optional<SessionTokens> tokens() {
        ResolvedSession current = resolved;
        return current == null ? Optional.empty() : Optional.of(current.tokens());
    }

    /** Replaces this request's session (a tenant switch): the principal and roles follow at once. */
    public void replace(ResolvedSession changed) {
        this.resolved = changed;
        this.principal = new DescopePrincipal(changed.session(), changed.signedInAt());
        setAttribute(RequestAttributes.SESSION, changed.session());
    }

    /** The response of this request, for the cookies a send sets (link binding, enchanted wait). */
    public HttpServletResponse response() {
        return response;
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
        Optional<SessionTokens> current = tokens();
        principal = null;
        resolved = null;
        removeAttribute(RequestAttributes.SESSION);
        actions.signOut((HttpServletRequest) getRequest(), response, current);
    }
}
