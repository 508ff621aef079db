package io.descopefilter.sample;

import io.descopefilter.jakarta.DescopeAuthFilter;
import io.descopefilter.jakarta.DescopeLinks;
import io.descopefilter.jakarta.DescopePrincipal;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.owasp.encoder.Encode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * One HTML page of the sample: the shared frame (navigation, sign-in state, the sign-out button) around a page's
 * own content, sent with headers that keep pages out of caches and allow scripts, styles and requests only from
 * this origin. Every value a page shows goes through the OWASP Encoder, in the page's own code or here.
 */
final class Page {

    /** The filter's logout endpoint (its {@code logoutPath} setting, left at the default in web.xml). */
    static final String LOGOUT_PATH = "/descope/logout";
    /** The filter's sign-out-everywhere endpoint (its {@code logoutAllPath} setting, left at the default). */
    static final String LOGOUT_ALL_PATH = "/descope/logout-all";
    /** The filter's tenant selection endpoint (its {@code tenantPath} setting, left at the default). */
    static final String TENANT_PATH = "/descope/tenant";
    /** The filter's enchanted link poll endpoint (its {@code pollPath} setting, left at the default). */
    static final String POLL_PATH = "/descope/poll";

    private static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "img-src 'self'; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

    private final HttpServletRequest request;
    private final HttpServletResponse response;
    private final DescopeLinks links;

    Page(HttpServletRequest request, HttpServletResponse response) {
        this.request = request;
        this.response = response;
        this.links = DescopeLinks.from(request.getServletContext());
    }

    HttpServletRequest request() {
        return request;
    }

    /** The URL of an application path, e.g. {@code /app/} becomes {@code /shop/app/} under context path /shop. */
    String url(String appPath) {
        return request.getContextPath() + appPath;
    }

    /** The hidden CSRF field every form of the sample carries ({@code DescopeLinks} sets its cookie if needed). */
    String csrfField() {
        return "<input type=\"hidden\" name=\"csrf\" value=\""
                + Encode.forHtmlAttribute(links.csrfToken(request, response)) + "\">";
    }

    /** A form that is nothing but one button posting to {@code appPath}. */
    String buttonForm(String appPath, String label, String buttonClass) {
        return "<form method=\"post\" action=\"" + Encode.forHtmlAttribute(url(appPath)) + "\" class=\"inline\">"
                + csrfField() + "<button type=\"submit\" class=\"" + buttonClass + "\">" + Encode.forHtml(label)
                + "</button></form>";
    }

    /** Writes the page: {@code title} (plain text) and {@code main} (HTML whose values are already escaped). */
    void send(int status, String title, String main) throws IOException {
        String html = """
                <!DOCTYPE html>
                <html lang="en">
                <head>
                <meta charset="utf-8">
                <meta name="viewport" content="width=device-width,initial-scale=1">
                <title>%s · Descope filter sample</title>
                <link rel="stylesheet" href="%s">
                </head>
                <body>
                <header class="top"><nav>%s</nav><div class="who">%s</div></header>
                <main>
                %s
                </main>
                <footer>Passwordless sign-in with <a href="https://www.descope.com">Descope</a> links,
                through DescopeAuthFilter.</footer>
                </body>
                </html>
                """.formatted(Encode.forHtml(title), Encode.forHtmlAttribute(url("/static/sample.css")), navigation(),
                signInState(), main);
        response.setStatus(status);
        response.setContentType("text/html;charset=UTF-8");
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        response.setHeader("Referrer-Policy", "same-origin");
        response.setHeader("X-Content-Type-Options", "nosniff");
        byte[] body = html.getBytes(StandardCharsets.UTF_8);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    /**
     * The answer to a form post without a valid CSRF token: usually a page left open so long that its token no longer
     * matches, or a post from another site.
     */
    void sendFormExpired(String formPath) throws IOException {
        send(HttpServletResponse.SC_FORBIDDEN, "Form expired", """
                <h1>This form has expired</h1>
                <p class="lead">For your safety we only accept forms from pages of this site that are still current.
                <a href="%s">Open the page again</a> and resend the form.</p>
                """.formatted(Encode.forHtmlAttribute(url(formPath))));
    }

    private String navigation() {
        return link("/", "Descope sample", "brand") + link("/app/", "Dashboard", "") + link("/app/admin", "Admin", "")
                + link("/app/account", "Account", "");
    }

    private String signInState() {
        Optional<DescopePrincipal> user = SignedInUser.of(request);
        if (user.isEmpty()) {
            return link("/login", "Sign in", "button");
        }
        return "<span>Signed in" + SignedInUser.asName(user.get()) + "</span>"
                + buttonForm(LOGOUT_PATH, "Sign out", "secondary");
    }

    private String link(String appPath, String label, String cssClass) {
        String classAttribute = cssClass.isEmpty() ? "" : " class=\"" + cssClass + "\"";
        return "<a href=\"" + Encode.forHtmlAttribute(url(appPath)) + "\"" + classAttribute + ">"
                + Encode.forHtml(label) + "</a>";
    }
}
