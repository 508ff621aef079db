package io.descopefilter.sample;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.owasp.encoder.Encode;

import java.io.IOException;

/** The public home page ({@code /}, one of the {@code publicPaths}): what the sample shows and where to start. */
public final class HomeServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Page page = new Page(request, response);
        String start = SignedInUser.of(request)
                .map(user -> "<p>You are signed in" + SignedInUser.asName(user) + ". <a class=\"button\" href=\"" + Encode.forHtmlAttribute(page.url("/app/"))
                        + "\">Open your dashboard</a></p>")
                .orElse("<p><a class=\"button\" href=\"" + Encode.forHtmlAttribute(page.url("/login"))
                        + "\">Sign in</a> or open a protected page below: you will come back to it after signing "
                        + "in.</p>");
        page.send(HttpServletResponse.SC_OK, "Home", """
                <h1>Sign in with a link, no password</h1>
                <p class="lead">This small web application is protected by DescopeAuthFilter. It needs nothing but
                the filter in <code>web.xml</code>: pages read the signed-in user from the request, and the login
                page asks <code>DescopeLinks</code> to send the link.</p>
                %s
                %s
                <section class="card wide">
                <h2>Pages</h2>
                <ul class="plain">
                <li><a href="%s">Dashboard</a>: who you are, your roles and tenants (switch the current one), how you
                signed in; sign out everywhere.</li>
                <li><a href="%s">Admin</a>: only for users with the role <code>admin</code>; invite a user.</li>
                <li><a href="%s">Account</a>: change your email address or phone number (needs a recent sign-in
                or a step-up).</li>
                </ul>
                </section>
                """.formatted(start, DevNotice.demoUsers(DevMode.of(getServletContext())),
                Encode.forHtmlAttribute(page.url("/app/")), Encode.forHtmlAttribute(page.url("/app/admin")),
                Encode.forHtmlAttribute(page.url("/app/account"))));
    }
}
