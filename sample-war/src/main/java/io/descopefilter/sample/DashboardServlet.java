package io.descopefilter.sample;

import io.descopefilter.core.TenantAccess;
import io.descopefilter.jakarta.DescopePrincipal;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.owasp.encoder.Encode;

import java.io.IOException;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The protected dashboard ({@code /app/}, mapped as {@code /app/*}): who is signed in, as the request's principal tells it. The filter lets
 * nobody reach this page without a valid session, so the principal is always there.
 */
public final class DashboardServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final String NOT_IN_TOKEN = "<span class=\"muted\">not in the session token</span>";
    private static final String NONE = "<span class=\"muted\">none</span>";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);
    private static final Map<String, String> METHODS = Map.of(
            "email", "a link sent by email",
            "sms", "a link sent by text message",
            "whatsapp", "a link sent by WhatsApp",
            "voice", "a link read out by a voice call");

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        // Mapped to the prefix /app/*: /app gets the trailing slash, /app/ is the dashboard, nothing else is.
        String pathInfo = request.getPathInfo();
        if (pathInfo == null || pathInfo.isEmpty()) {
            response.sendRedirect(request.getContextPath() + "/app/");
            return;
        }
        if (!pathInfo.equals("/")) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        Page page = new Page(request, response);
        Optional<DescopePrincipal> signedIn = SignedInUser.of(request);
        if (signedIn.isEmpty()) {
            response.sendError(HttpServletResponse.SC_UNAUTHORIZED);
            return;
        }
        DescopePrincipal user = signedIn.get();
        page.send(HttpServletResponse.SC_OK, "Dashboard", """
                <h1>%s</h1>
                <p class="lead">You are signed in. This page is protected: DescopeAuthFilter validated your session
                before the page saw your request, and the page reads who you are from the request's principal.</p>
                <section class="card wide">
                <h2>Your session</h2>
                <dl class="facts">
                <dt>User ID</dt><dd id="user-id">%s</dd>
                <dt>Name</dt><dd id="name">%s</dd>
                <dt>Login IDs</dt><dd id="login-ids">%s</dd>
                <dt>Roles</dt><dd id="roles">%s</dd>
                <dt>Tenants</dt><dd id="tenants">%s</dd>
                <dt>Signed in with</dt><dd id="amr">%s</dd>
                <dt>Session token valid until</dt><dd id="expires">%s <span class="muted">(renewed automatically)</span></dd>
                </dl>
                <p class="muted">Name, email and login IDs are in the session token only if your Descope project's
                JWT template adds them.</p>
                </section>
                """.formatted(SignedInUser.name(user).map(name -> "Hello, " + Encode.forHtml(name)).orElse("Your dashboard"),
                Encode.forHtml(user.getName()),
                orNotInToken(user.displayName()), badges(user.loginIds(), NOT_IN_TOKEN), badges(user.roles(), NONE),
                tenants(user), methods(user.session().authenticationMethods()),
                Encode.forHtml(TIME.format(user.session().expiresAt()))));
    }

    private static String orNotInToken(String value) {
        return value == null || value.isBlank() ? NOT_IN_TOKEN : Encode.forHtml(value);
    }

    private static String badges(Collection<String> values, String whenEmpty) {
        if (values.isEmpty()) {
            return whenEmpty;
        }
        return values.stream().sorted()
                .map(value -> "<span class=\"badge\">" + Encode.forHtml(value) + "</span>")
                .collect(Collectors.joining(" "));
    }

    private static String tenants(DescopePrincipal user) {
        if (user.tenants().isEmpty()) {
            return NONE;
        }
        StringBuilder list = new StringBuilder("<ul class=\"plain\">");
        new TreeMap<>(user.tenants()).forEach((tenantId, access) -> list.append("<li><strong>")
                .append(Encode.forHtml(tenantId)).append("</strong>")
                .append(tenantId.equals(user.currentTenant()) ? " (current)" : "").append(": roles ")
                .append(badges(access.roles(), NONE)).append(permissions(access)).append("</li>"));
        return list.append("</ul>").toString();
    }

    private static String permissions(TenantAccess access) {
        return access.permissions().isEmpty() ? "" : ", permissions " + badges(access.permissions(), NONE);
    }

    private static String methods(List<String> amr) {
        if (amr.isEmpty()) {
            return NONE;
        }
        return amr.stream()
                .map(method -> Encode.forHtml(METHODS.getOrDefault(method, method)) + " <code>"
                        + Encode.forHtml(method) + "</code>")
                .collect(Collectors.joining(", "));
    }
}
