package io.descopefilter.it.containersecurity;

import jakarta.annotation.security.DeclareRoles;
import jakarta.ejb.EJB;
import jakarta.ejb.EJBAccessException;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.security.enterprise.SecurityContext;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.Principal;

/**
 * What the container's own security sees of the caller, as JSON: {@code SecurityContext}, {@code @Inject Principal},
 * the request, and the EJB {@link CallerBean} ({@code "denied"} when its {@code @RolesAllowed} refuses the caller).
 * Mapped inside the filter's protected paths ({@code /app/container}) and its public paths
 * ({@code /public/container}, for the anonymous caller).
 */
@WebServlet(urlPatterns = {"/app/container", "/public/container"})
@DeclareRoles("admin")
public class ContainerSecurityServlet extends HttpServlet {

    @Inject
    private SecurityContext securityContext;

    @Inject
    private Principal injectedPrincipal;

    @EJB
    private CallerBean bean;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Principal caller = securityContext.getCallerPrincipal();
        Principal onRequest = request.getUserPrincipal();
        String body = Json.createObjectBuilder()
                .add("callerPrincipal", caller == null ? "" : orEmpty(caller.getName()))
                .add("callerInAdmin", securityContext.isCallerInRole("admin"))
                .add("injectedPrincipal", injectedName())
                .add("requestPrincipal", onRequest == null ? "" : orEmpty(onRequest.getName()))
                .add("requestInAdmin", request.isUserInRole("admin"))
                .add("ejbAnyone", call(true))
                .add("ejbAdmin", call(false))
                .add("subjectPrincipals", subjectPrincipals())
                .add("jaccSubject", jaccSubject())
                .build().toString();
        response.setStatus(200);
        response.setContentType("application/json");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.setHeader("Cache-Control", "no-store");
        response.getWriter().write(body);
    }

    /** Every principal of the caller's subject (caller and groups), as {@code name (class)}: shows what the container got. */
    private jakarta.json.JsonArrayBuilder subjectPrincipals() {
        jakarta.json.JsonArrayBuilder names = Json.createArrayBuilder();
        for (Principal principal : securityContext.getPrincipalsByType(Principal.class)) {
            names.add(principal.getName() + " (" + principal.getClass().getName() + ")");
            if (principal instanceof io.descopefilter.jakarta.DescopePrincipal descope) {
                // the groups the bridge hands the container for this principal
                names.add("groupsOf: " + io.descopefilter.jakarta.internal.session.SessionGate.groupsOf(descope));
            }
        }
        return names;
    }

    /** The principals of the subject JACC decides on ({@code PolicyContext}), read reflectively (no JACC API here). */
    private static jakarta.json.JsonArrayBuilder jaccSubject() {
        jakarta.json.JsonArrayBuilder names = Json.createArrayBuilder();
        try {
            Object subject = Class.forName("jakarta.security.jacc.PolicyContext")
                    .getMethod("getContext", String.class).invoke(null, "javax.security.auth.Subject.container");
            if (subject instanceof javax.security.auth.Subject s) {
                for (Principal principal : s.getPrincipals()) {
                    names.add(principal.getName() + " (" + principal.getClass().getName() + ")");
                }
            } else {
                names.add("no subject: " + subject);
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            names.add("error: " + e);
        }
        return names;
    }

    private String call(boolean anyone) {
        try {
            return orEmpty(anyone ? bean.anyone() : bean.adminOnly());
        } catch (EJBAccessException e) {
            return "denied";
        }
    }

    private String injectedName() {
        try {
            return orEmpty(injectedPrincipal.getName());
        } catch (RuntimeException e) {
            return "error: " + e;
        }
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }
}
