package io.descopefilter.sample;

import io.descopefilter.core.DescopeUser;
import io.descopefilter.core.TenantAccess;
import io.descopefilter.jakarta.DescopeLinks;
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
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
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
                <dl class="facts">
                <dt>Custom claims</dt><dd id="claims">%s</dd>
                </dl>
                </section>
                %s
                %s
                %s
                <section class="card wide">
                <h2>Sign out everywhere</h2>
                <p>Ends this session and every other session of yours, on every device: other browsers are signed
                out when their session token next needs renewing (within minutes).</p>
                <form id="logout-all-form" method="post" action="%s">%s
                <button type="submit" class="secondary">Sign out everywhere</button>
                </form>
                </section>
                """.formatted(SignedInUser.name(user).map(name -> "Hello, " + Encode.forHtml(name)).orElse("Your dashboard"),
                Encode.forHtml(user.getName()),
                orNotInToken(user.displayName()), badges(user.loginIds(), NOT_IN_TOKEN), badges(user.roles(), NONE),
                tenants(user), methods(user.session().authenticationMethods()),
                Encode.forHtml(TIME.format(user.session().expiresAt())), claims(user),
                profile(DescopeLinks.from(getServletContext()).currentUser(request)), tenantSwitcher(page, request, user),
                counters(page, DevMode.of(getServletContext()).isPresent()),
                Encode.forHtmlAttribute(page.url(Page.LOGOUT_ALL_PATH)), page.csrfField()));
    }

    /**
     * The filter's events so far, counted by {@link SampleMetrics}: sign-ins, refused sign-ins, links sent. In dev
     * mode it points at the full Prometheus text.
     */
    private static String counters(Page page, boolean devMode) {
        String more = devMode ? "<p class=\"muted\">All meters, as Prometheus text: <a id=\"metrics-link\" href=\""
                + Encode.forHtmlAttribute(page.url("/dev/metrics")) + "\">/dev/metrics</a> (dev mode only).</p>" : "";
        return """
                <section class="card wide" id="counters">
                <h2>Sign-ins on this server</h2>
                <dl class="facts">
                <dt>Sign-ins</dt><dd id="count-signins">%d</dd>
                <dt>Refused sign-ins</dt><dd id="count-refused">%d</dd>
                <dt>Links sent</dt><dd id="count-links-sent">%d</dd>
                </dl>
                %s
                </section>
                """.formatted(SampleMetrics.total("descope.signins"), SampleMetrics.total("descope.signin.refusals"),
                SampleMetrics.total("descope.links.sent"), more);
    }

    /** Custom claims of the session ({@code DescopePrincipal.claims()}), e.g. {@code invitedBy} of an invitation. */
    private static String claims(DescopePrincipal user) {
        if (user.claims().isEmpty()) {
            return NONE;
        }
        StringBuilder list = new StringBuilder("<ul class=\"plain\">");
        new TreeMap<>(user.claims()).forEach((name, value) -> list.append("<li><code>").append(Encode.forHtml(name))
                .append("</code> = ").append(Encode.forHtml(String.valueOf(value))).append("</li>"));
        return list.append("</ul>").toString();
    }

    /** The user as Descope has them ({@code DescopeLinks.currentUser}): read once per session, then cached. */
    private static String profile(Optional<DescopeUser> found) {
        if (found.isEmpty()) {
            return """
                    <section class="card wide"><h2>Your profile at Descope</h2>
                    <p class="muted" id="profile">Descope could not be asked just now.</p></section>
                    """;
        }
        DescopeUser user = found.get();
        return """
                <section class="card wide">
                <h2>Your profile at Descope</h2>
                <dl class="facts" id="profile">
                <dt>Name</dt><dd id="profile-name">%s</dd>
                <dt>Email</dt><dd id="profile-email">%s</dd>
                <dt>Phone</dt><dd id="profile-phone">%s</dd>
                <dt>Login IDs</dt><dd id="profile-login-ids">%s</dd>
                </dl>
                </section>
                """.formatted(orNone(user.name()), withVerified(user.email(), user.verifiedEmail()),
                withVerified(user.phone(), user.verifiedPhone()), badges(user.loginIds(), NONE));
    }

    private static String orNone(String value) {
        return value == null || value.isBlank() ? NONE : Encode.forHtml(value);
    }

    private static String withVerified(String value, boolean verified) {
        if (value == null || value.isBlank()) {
            return NONE;
        }
        return Encode.forHtml(value) + (verified ? " <span class=\"badge\">verified</span>"
                : " <span class=\"muted\">(not verified)</span>");
    }

    /**
     * The user's tenants with a button each that makes it current: a form posting {@code tenant} to the filter's
     * {@code tenantPath}. {@code isUserInRole} answers for the project roles and the current tenant's roles.
     */
    private static String tenantSwitcher(Page page, HttpServletRequest request, DescopePrincipal user) {
        if (user.tenants().isEmpty()) {
            return "";
        }
        String current = user.currentTenant();
        Set<String> known = new TreeSet<>(user.roles());
        user.tenants().values().forEach(access -> known.addAll(access.roles()));
        List<String> effective = known.stream().filter(request::isUserInRole).toList();
        StringBuilder rows = new StringBuilder();
        new TreeMap<>(user.tenants()).forEach((tenantId, access) -> {
            boolean isCurrent = tenantId.equals(current);
            rows.append("<tr id=\"tenant-").append(Encode.forHtmlAttribute(tenantId)).append("\"><td><strong>")
                    .append(Encode.forHtml(tenantId)).append("</strong></td><td>").append(badges(access.roles(), NONE))
                    .append("</td><td>");
            if (isCurrent) {
                rows.append("current");
            } else {
                rows.append("<form method=\"post\" action=\"")
                        .append(Encode.forHtmlAttribute(page.url(Page.TENANT_PATH))).append("\" class=\"inline\">")
                        .append(page.csrfField())
                        .append("<input type=\"hidden\" name=\"tenant\" value=\"")
                        .append(Encode.forHtmlAttribute(tenantId)).append("\">")
                        .append("<input type=\"hidden\" name=\"next\" value=\"/app/\">")
                        .append("<button type=\"submit\" class=\"secondary\">Switch to ")
                        .append(Encode.forHtml(tenantId)).append("</button></form>");
            }
            rows.append("</td></tr>");
        });
        return """
                <section class="card wide">
                <h2>Your tenants</h2>
                <p>Current tenant: <strong id="current-tenant">%s</strong>. Your roles here
                (<code>request.isUserInRole</code>: project roles and the current tenant's): <span id="effective-roles">%s</span></p>
                <table class="tenants"><thead><tr><th>Tenant</th><th>Roles</th><th></th></tr></thead>
                <tbody>%s</tbody></table>
                </section>
                """.formatted(current == null || current.isBlank() ? "none" : Encode.forHtml(current),
                badges(effective, NONE), rows);
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
