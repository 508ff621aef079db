package io.descopefilter.jakarta.security;

import io.descopefilter.jakarta.DescopePrincipal;
import io.descopefilter.jakarta.internal.session.DescopeRequest;
import io.descopefilter.jakarta.internal.session.SessionGate;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.Optional;

/**
 * Tells the container who signed in with Descope, so that its own security sees the user: EJB and CDI
 * {@code @RolesAllowed}, {@code SecurityContext.getCallerPrincipal()} and {@code isCallerInRole}, {@code @Inject
 * Principal}, {@code <security-constraint>} in {@code web.xml}, and the server's audit log.
 *
 * <p>Enabled by putting this jar in {@code WEB-INF/lib} of an application that declares {@code DescopeAuthFilter};
 * it needs a server with Jakarta Security 3 (WildFly, Payara, GlassFish, Open Liberty). It resolves the session
 * with the filter's own resolution (the same cookies, validation and refresh, and nothing for the filter's own
 * endpoints or for paths the filter refuses), and hands the container the {@link DescopePrincipal} with these
 * groups: the project roles, the roles of the current tenant, and every tenant role as {@code <tenantId>:<role>}.
 * It never signs anyone in by itself: links, refresh and logout stay with the filter. A request without a session
 * is anonymous to the container; where the container requires authentication it gets the filter's challenge (302 to
 * the login page, or 401 for API clients).
 */
@ApplicationScoped
public class DescopeAuthenticationMechanism implements HttpAuthenticationMechanism {

    private static final System.Logger LOG = System.getLogger(DescopeAuthenticationMechanism.class.getName());

    @Override
    public AuthenticationStatus validateRequest(HttpServletRequest request, HttpServletResponse response,
                                                HttpMessageContext context) {
        Optional<SessionGate> gate = SessionGate.of(request.getServletContext());
        if (gate.isEmpty()) {
            // The filter has not started (some servers start filters at the first request): nobody is signed in.
            return context.isProtected() ? context.responseUnauthorized() : context.doNothing();
        }
        Optional<DescopeRequest> signedIn = gate.get().authenticate(request, response);
        if (signedIn.isPresent()) {
            DescopePrincipal principal = signedIn.get().getUserPrincipal();
            context.withRequest(signedIn.get());
            return context.notifyContainerAboutLogin(principal, SessionGate.groupsOf(principal));
        }
        if (!context.isProtected()) {
            return context.doNothing();
        }
        try {
            gate.get().challenge(request, response);
            return AuthenticationStatus.SEND_CONTINUE;
        } catch (IOException e) {
            LOG.log(Level.WARNING, "Could not send the login challenge: {0}", e.getMessage());
            return context.responseUnauthorized();
        }
    }
}
