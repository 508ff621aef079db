package io.descopefilter.jakarta.internal.session;

import io.descopefilter.jakarta.DescopePrincipal;
import io.descopefilter.jakarta.internal.http.AmbiguousPathGuard;
import io.descopefilter.jakarta.internal.http.RequestPath;
import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The filter's session resolution for the container's own security (the Jakarta Security bridge), published by
 * the filter in a servlet context attribute. It resolves a request's session exactly as the filter does, and never
 * for a request the filter would refuse or answer itself, so the bridge opens no second path around its checks.
 */
public final class SessionGate {

    /** The servlet context attribute under which the filter publishes its gate. */
    public static final String CONTEXT_ATTRIBUTE = "io.descopefilter.internal.SessionGate";

    private final SessionResolver resolver;
    private final Predicate<String> ownEndpoint;
    private final DescopeRequest.Actions actions;

    public SessionGate(SessionResolver resolver, Predicate<String> ownEndpoint, DescopeRequest.Actions actions) {
        this.resolver = resolver;
        this.ownEndpoint = ownEndpoint;
        this.actions = actions;
    }

    /** The gate of the filter initialised in this web application, if any. */
    public static Optional<SessionGate> of(ServletContext context) {
        return context.getAttribute(CONTEXT_ATTRIBUTE) instanceof SessionGate gate ? Optional.of(gate) : Optional.empty();
    }

    /**
     * The signed-in request, wrapped as the filter wraps it, or empty: no session, an ambiguous path, or one of the
     * filter's own endpoints (landings, poll, logout), which the filter alone handles.
     */
    public Optional<DescopeRequest> authenticate(HttpServletRequest request, HttpServletResponse response) {
        Optional<DescopeRequest> already = DescopeRequest.find(request).or(() -> DescopeRequest.resolvedByBridge(request));
        if (already.isPresent()) {
            return already.filter(r -> r.session().isPresent());
        }
        if (AmbiguousPathGuard.isAmbiguous(request.getRequestURI()) || ownEndpoint.test(RequestPath.of(request))) {
            return Optional.empty();
        }
        Optional<DescopeRequest> signedIn = resolver.resolve(request, response)
                .map(resolved -> new DescopeRequest(request, response, resolved, actions));
        signedIn.ifPresent(DescopeRequest::offerToFilter);
        return signedIn;
    }

    /** Sends the filter's login challenge (302 to the login page, or 401 for API clients). */
    public void challenge(HttpServletRequest request, HttpServletResponse response) throws IOException {
        actions.challenge(request, response);
    }

    /**
     * The groups the container sees for a user: the project roles, the roles held in the current tenant, and
     * every tenant role as {@code <tenantId>:<role>}.
     */
    public static Set<String> groupsOf(DescopePrincipal principal) {
        Set<String> groups = new LinkedHashSet<>(principal.roles());
        if (principal.currentTenant() != null && principal.tenants().containsKey(principal.currentTenant())) {
            groups.addAll(principal.tenants().get(principal.currentTenant()).roles());
        }
        for (Map.Entry<String, io.descopefilter.core.TenantAccess> tenant : principal.tenants().entrySet()) {
            for (String role : tenant.getValue().roles()) {
                groups.add(tenant.getKey() + ":" + role);
            }
        }
        return groups;
    }
}
