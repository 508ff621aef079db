package io.descopefilter.sample;

import io.descopefilter.core.DescopeException;
import io.descopefilter.core.LoginOptions;
import io.descopefilter.core.SignUpUser;
import io.descopefilter.jakarta.DescopeLinks;
import io.descopefilter.jakarta.DescopePrincipal;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.owasp.encoder.Encode;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The admin page ({@code /app/admin}): any signed-in user reaches it (the filter only checks that there is a
 * session), and the page itself decides with {@code request.isUserInRole("admin")}, from the roles in the
 * session token.
 */
public final class AdminServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    static final String ADMIN_ROLE = "admin";

    private static final String PATH = "/app/admin";
    /** How long an invitation link works. */
    private static final Duration INVITATION_LIFETIME = Duration.ofMinutes(30);

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Page page = new Page(request, response);
        if (refusedAsNotAdmin(page, request)) {
            return;
        }
        showAdmin(page, request, HttpServletResponse.SC_OK, "");
    }

    /**
     * "Invite a user": creates the user at Descope with an embedded sign-up link
     * ({@code DescopeLinks.embeddedSignUpLinkUrl}) whose session carries the custom claim {@code invitedBy}.
     */
    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Page page = new Page(request, response);
        DescopeLinks links = DescopeLinks.from(getServletContext());
        if (!links.isValidCsrf(request)) {
            page.sendFormExpired(PATH);
            return;
        }
        if (refusedAsNotAdmin(page, request)) {
            return;
        }
        DescopePrincipal admin = SignedInUser.of(request).orElseThrow();
        String email = Objects.toString(request.getParameter("email"), "").strip();
        String name = Objects.toString(request.getParameter("name"), "").strip();
        String url;
        try {
            SignUpUser profile = new SignUpUser(name.isEmpty() ? null : name, null, null, null, email, null);
            LoginOptions options = LoginOptions.builder()
                    .customClaims(Map.of("invitedBy", admin.getName())).build();
            url = links.embeddedSignUpLinkUrl(email, profile, options, INVITATION_LIFETIME, "/app/");
        } catch (IllegalArgumentException e) {
            showAdmin(page, request, HttpServletResponse.SC_BAD_REQUEST, "Enter a valid email address.");
            return;
        } catch (DescopeException | IllegalStateException e) {
            // Descope refused (the user exists already, ...) or there is no management key.
            showAdmin(page, request, HttpServletResponse.SC_BAD_REQUEST,
                    "Descope could not create this invitation: " + e.getMessage());
            return;
        }
        Optional<DevMode> dev = DevMode.of(getServletContext());
        String link = dev.isPresent() ? """
                <p>Dev mode: the invitation link, which signs %s in once, within %d minutes:</p>
                <p><a id="invite-link" href="%s">%s</a></p>
                <p class="muted">Open it in another browser (a private window) to act as the new user.</p>
                """.formatted(Encode.forHtml(email), INVITATION_LIFETIME.toMinutes(), Encode.forHtmlAttribute(url),
                Encode.forHtml(url))
                : "<p>Deliver the link in your own channel (an email from your application); this sample has no "
                        + "mailer and shows links only in dev mode.</p>";
        page.send(HttpServletResponse.SC_OK, "Invitation created", """
                <h1>Invitation created</h1>
                <p class="lead" id="invited">%s now has an account. Their first sign-in carries the custom claim
                <code>invitedBy</code> = <code>%s</code>.</p>
                %s
                <p><a href="%s">Back to the admin area</a></p>
                """.formatted(Encode.forHtml(email), Encode.forHtml(admin.getName()), link,
                Encode.forHtmlAttribute(page.url(PATH))));
    }

    private static boolean refusedAsNotAdmin(Page page, HttpServletRequest request) throws IOException {
        String asName = SignedInUser.of(request).map(SignedInUser::asName).orElse("");
        if (!request.isUserInRole(ADMIN_ROLE)) {
            page.send(HttpServletResponse.SC_FORBIDDEN, "Admins only", """
                    <h1>Admins only</h1>
                    <p class="lead">You are signed in%s, but this page needs the role <code>admin</code>, which
                    your account does not have.</p>
                    <p><a href="%s">Back to your dashboard</a></p>
                    """.formatted(asName, Encode.forHtmlAttribute(page.url("/app/"))));
            return true;
        }
        return false;
    }

    private static void showAdmin(Page page, HttpServletRequest request, int status, String error)
            throws IOException {
        String asName = SignedInUser.of(request).map(SignedInUser::asName).orElse("");
        String permissions = SignedInUser.of(request).map(DescopePrincipal::permissions).orElseThrow().stream()
                .sorted().map(p -> "<span class=\"badge\">" + Encode.forHtml(p) + "</span>")
                .collect(Collectors.joining(" "));
        String errorHtml = error.isEmpty() ? ""
                : "<p class=\"error\" role=\"alert\">" + Encode.forHtml(error) + "</p>";
        page.send(status, "Admin", """
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
                <section class="card wide">
                <h2>Invite a user</h2>
                <p>Creates the user at Descope and a one-time sign-in link for them (an embedded sign-up link); their
                session then carries the custom claim <code>invitedBy</code> with your user ID.</p>
                %s
                <form id="invite-form" method="post" action="%s">%s
                <label for="invite-email">Email address</label>
                <input id="invite-email" name="email" type="email" required>
                <label for="invite-name">Name</label>
                <input id="invite-name" name="name" type="text">
                <button type="submit">Create invitation</button>
                </form>
                </section>
                """.formatted(asName, permissions.isEmpty() ? "<span class=\"muted\">none</span>"
                : permissions, errorHtml, Encode.forHtmlAttribute(page.url(PATH)), page.csrfField()));
    }
}
