package io.descopefilter.it.app;

import io.descopefilter.jakarta.DescopeLinks;
import io.descopefilter.jakarta.DescopePrincipal;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.security.Principal;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The protected part of the test app ({@code /app/*}): echoes what the request says about its user as JSON, so
 * tests can see the principal, roles ({@code ?role=admin&role=editor}) and the path the app was asked for. A POST
 * is a state-changing action ("transfer") that counts its runs; {@code POST /app/sign-out} calls
 * {@code request.logout()}. Every answer carries
 * {@link #MARKER}, and a CSRF token for the app's own forms (logout, account changes).
 */
public class WhoAmIServlet extends HttpServlet {

    /** Marks the body of every protected response; never seen without a session. */
    public static final String MARKER = "PROTECTED-CONTENT-7f3a";

    static final String TRANSFERS = "io.descopefilter.it.transfers";

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        JsonResponses.write(response, 200, describe(request, response).build());
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response)
            throws IOException, ServletException {
        if ("/sign-out".equals(request.getPathInfo())) {
            request.logout();
            JsonResponses.write(response, 200, Json.createObjectBuilder().add("signedOut", true).build());
            return;
        }
        int runs = transfers(request).incrementAndGet();
        JsonResponses.write(response, 200, describe(request, response).add("transfers", runs).build());
    }

    static AtomicInteger transfers(HttpServletRequest request) {
        synchronized (request.getServletContext()) {
            Object counter = request.getServletContext().getAttribute(TRANSFERS);
            if (counter == null) {
                counter = new AtomicInteger();
                request.getServletContext().setAttribute(TRANSFERS, counter);
            }
            return (AtomicInteger) counter;
        }
    }

    private static JsonObjectBuilder describe(HttpServletRequest request, HttpServletResponse response) {
        Principal principal = request.getUserPrincipal();
        JsonObjectBuilder json = Json.createObjectBuilder()
                .add("marker", MARKER)
                .add("path", request.getServletPath() + JsonResponses.orEmpty(request.getPathInfo()))
                .add("dispatcherType", request.getDispatcherType().name())
                .add("remoteUser", JsonResponses.orEmpty(request.getRemoteUser()))
                .add("authType", JsonResponses.orEmpty(request.getAuthType()))
                .add("principalName", principal == null ? "" : principal.getName())
                .add("sessionAttribute", request.getAttribute("io.descopefilter.session") != null)
                .add("csrf", DescopeLinks.from(request.getServletContext()).csrfToken(request, response));
        if (principal instanceof DescopePrincipal descope) {
            JsonArrayBuilder loginIds = Json.createArrayBuilder();
            descope.loginIds().forEach(loginIds::add);
            JsonObjectBuilder claims = Json.createObjectBuilder();
            descope.claims().forEach((name, value) -> claims.add(name, String.valueOf(value)));
            json.add("email", JsonResponses.orEmpty(descope.email()))
                    .add("displayName", JsonResponses.orEmpty(descope.displayName()))
                    .add("loginIds", loginIds)
                    .add("currentTenant", JsonResponses.orEmpty(descope.currentTenant()))
                    .add("claims", claims);
        }
        JsonObjectBuilder roles = Json.createObjectBuilder();
        String[] asked = request.getParameterValues("role");
        if (asked != null) {
            for (String role : asked) {
                roles.add(role, request.isUserInRole(role));
            }
        }
        json.add("roles", roles);
        if (request.getParameter("me") != null) {
            DescopeLinks.from(request.getServletContext()).currentUser(request).ifPresent(user -> json.add("me",
                    Json.createObjectBuilder().add("name", JsonResponses.orEmpty(user.name()))
                            .add("email", JsonResponses.orEmpty(user.email()))));
        }
        HttpSession session = request.getSession(false);
        json.add("httpSession", session == null ? "" : session.getId());
        return json;
    }
}
