package io.descopefilter.sample;

import io.descopefilter.jakarta.DescopePrincipal;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.owasp.encoder.Encode;

import java.io.IOException;
import java.util.stream.Collectors;

/**
 * The admin page ({@code /app/admin}): any signed-in user reaches it (the filter only checks that there is a
 * session), and the page itself decides with {@code request.isUserInRole("admin")}, from the roles in the
 * session token.
 */
public final class AdminServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    static final String ADMIN_ROLE = "admin";

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Page page = new Page(request, response);
        String asName = SignedInUser.of(request).map(SignedInUser::asName).orElse("");
        if (!request.isUserInRole(ADMIN_ROLE)) {
            page.send(HttpServletResponse.SC_FORBIDDEN, "Admins only", """
                    <h1>Admins only</h1>
                    <p class="lead">You are signed in%s, but this page needs the role <code>admin</code>, which
                    your account does not have.</p>
                    <p><a href="%s">Back to your dashboard</a></p>
                    """.formatted(asName, Encode.forHtmlAttribute(page.url("/app/"))));
            return;
        }
        String permissions = SignedInUser.of(request).map(DescopePrincipal::permissions).orElseThrow().stream()
                .sorted().map(p -> "<span class=\"badge\">" + Encode.forHtml(p) + "</span>")
                .collect(Collectors.joining(" "));
        page.send(HttpServletResponse.SC_OK, "Admin", """
                <h1>Admin area</h1>
                <p class="lead">You are signed in%s and see this page because your session token gives you the
                role <code>admin</code>: the page asked <code>request.isUserInRole("admin")</code>.</p>
                <section class="card wide">
                <h2>How this page is protected</h2>
                <ol>
                <li>DescopeAuthFilter sends visitors without a session to the login page, keeping this address.</li>
                <li>This page lets in only users with the role <code>admin</code> and answers everyone else with
                403 Forbidden.</li>
                </ol>
                <p>Your permissions: %s</p>
                </section>
                """.formatted(asName, permissions.isEmpty() ? "<span class=\"muted\">none</span>"
                : permissions));
    }
}
