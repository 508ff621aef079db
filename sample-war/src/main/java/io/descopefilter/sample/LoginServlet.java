package io.descopefilter.sample;

import io.descopefilter.core.DeliveryMethod;
import io.descopefilter.jakarta.DescopeLinks;
import io.descopefilter.jakarta.EnchantedLinkStarted;
import io.descopefilter.jakarta.LinkPurpose;
import io.descopefilter.jakarta.LinkSent;
import io.descopefilter.jakarta.SendOutcome;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.owasp.encoder.Encode;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;

/**
 * The login page ({@code /login}, the filter's {@code loginPage}): three ways to get a link, each a plain form that
 * posts back here. The filter redirects signed-out visitors of protected pages here with {@code ?next=<where they
 * were going>}; the forms carry {@code next} on to {@link DescopeLinks}, which puts it in the link (if it is a safe
 * local path) so the user lands where they meant to go.
 */
public final class LoginServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    /** What the user typed into which form, and what was wrong with it; for showing the forms again. */
    private record Attempt(String method, String value, String error) {
        static final Attempt NONE = new Attempt("", "", "");

        Attempt {
            value = Objects.toString(value, "");
        }

        String valueFor(String formMethod) {
            return method.equals(formMethod) ? value : "";
        }

        String errorFor(String formMethod) {
            return method.equals(formMethod) && !error.isEmpty()
                    ? "<p class=\"error\" role=\"alert\">" + Encode.forHtml(error) + "</p>" : "";
        }
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        showForms(new Page(request, response), request, HttpServletResponse.SC_OK, Attempt.NONE);
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Page page = new Page(request, response);
        DescopeLinks links = DescopeLinks.from(getServletContext());
        if (!links.isValidCsrf(request)) {
            page.sendFormExpired("/login");
            return;
        }
        String next = request.getParameter("next");
        String method = Objects.toString(request.getParameter("method"), "");
        switch (method) {
            case "email" -> {
                String email = request.getParameter("email");
                LinkSent sent = links.sendMagicLink(request, DeliveryMethod.EMAIL, LinkPurpose.SIGN_UP_OR_IN, email,
                        next, null);
                answer(page, request, response, sent, new Attempt(method, email, sent.message()), "email");
            }
            case "sms" -> {
                String phone = request.getParameter("phone");
                LinkSent sent = links.sendMagicLink(request, DeliveryMethod.SMS, LinkPurpose.SIGN_UP_OR_IN, phone,
                        next, null);
                answer(page, request, response, sent, new Attempt(method, phone, sent.message()), "phone");
            }
            case "enchanted" -> {
                String email = request.getParameter("email");
                EnchantedLinkStarted started = links.startEnchantedLink(request, LinkPurpose.SIGN_UP_OR_IN, email,
                        next, null);
                answerEnchanted(page, request, response, started, new Attempt(method, email, started.message()));
            }
            default -> showForms(page, request, HttpServletResponse.SC_BAD_REQUEST,
                    new Attempt("email", "", "Choose one of the ways to sign in."));
        }
    }

    private void answer(Page page, HttpServletRequest request, HttpServletResponse response, LinkSent sent,
                        Attempt attempt, String where) throws IOException {
        if (sent.outcome() == SendOutcome.ACCEPTED) {
            page.send(HttpServletResponse.SC_OK, "Check your " + where, """
                    <h1>Check your %s</h1>
                    <p class="lead">We sent a sign-in link to <strong id="sent-to">%s</strong>.
                    Open it in this browser to continue.</p>
                    <p class="muted">The link works once and expires in a few minutes. Nothing arrived after a minute?
                    Check the address and <a href="%s">ask for a new link</a>.</p>
                    %s
                    """.formatted(where, Encode.forHtml(sent.maskedAddress()),
                    Encode.forHtmlAttribute(loginUrl(page, request)), DevNotice.outbox(devMode())));
        } else {
            refuse(page, request, response, sent.outcome(), sent.retryAfterSeconds(), attempt);
        }
    }

    private void answerEnchanted(Page page, HttpServletRequest request, HttpServletResponse response,
                                 EnchantedLinkStarted started, Attempt attempt) throws IOException {
        if (started.outcome() != SendOutcome.ACCEPTED) {
            refuse(page, request, response, started.outcome(), started.retryAfterSeconds(), attempt);
            return;
        }
        page.send(HttpServletResponse.SC_OK, "Pick the link numbered " + started.linkId(), """
                <section id="enchanted" class="card wide" data-poll-url="%s" data-base-url="%s">
                <h1>Check your email</h1>
                <p class="lead">We emailed a few sign-in links to <strong id="sent-to">%s</strong>.
                On any device, click the one numbered</p>
                <p class="link-number" id="link-number">%s</p>
                <p id="enchanted-status" class="muted" role="status">Waiting for your click. This page continues
                by itself once you have clicked the right link.</p>
                <noscript><p class="error">This page needs JavaScript to notice your click.
                <a href="%s">Use an email or text message link instead</a>.</p></noscript>
                </section>
                %s
                <script src="%s"></script>
                """.formatted(Encode.forHtmlAttribute(page.url(Page.POLL_PATH)),
                Encode.forHtmlAttribute(request.getContextPath()), Encode.forHtml(started.maskedEmail()),
                Encode.forHtml(started.linkId()), Encode.forHtmlAttribute(loginUrl(page, request)),
                DevNotice.outbox(devMode()), Encode.forHtmlAttribute(page.url("/static/enchanted.js"))));
    }

    private void refuse(Page page, HttpServletRequest request, HttpServletResponse response, SendOutcome outcome,
                        long retryAfterSeconds, Attempt attempt) throws IOException {
        if (outcome == SendOutcome.NOT_FROM_THIS_SITE) {
            // DescopeLinks checks the form's CSRF token itself too; this page checked it first, so this is rare.
            page.sendFormExpired(loginPath(request));
        } else if (outcome == SendOutcome.TRY_LATER) {
            response.setHeader("Retry-After", Long.toString(Math.max(1, retryAfterSeconds)));
            showForms(page, request, HttpServletResponse.SC_SERVICE_UNAVAILABLE, attempt);
        } else {
            showForms(page, request, HttpServletResponse.SC_BAD_REQUEST, attempt);
        }
    }

    private void showForms(Page page, HttpServletRequest request, int status, Attempt attempt) throws IOException {
        String next = Objects.toString(request.getParameter("next"), "");
        String intro = next.isEmpty()
                ? "No password needed: we send you a link, you open it, you are in."
                : "Please sign in to continue. No password needed: we send you a link, you open it, you are in.";
        String alreadySignedIn = SignedInUser.of(request).map(user -> """
                <p class="notice">You are signed in%s. <a href="%s">Go to your dashboard</a>,
                or sign in as someone else below.</p>
                """.formatted(SignedInUser.asName(user),
                Encode.forHtmlAttribute(page.url("/app/")))).orElse("");
        String hidden = page.csrfField() + "<input type=\"hidden\" name=\"next\" value=\""
                + Encode.forHtmlAttribute(next) + "\">";
        String action = Encode.forHtmlAttribute(page.url("/login"));
        page.send(status, "Sign in", """
                <h1>Sign in</h1>
                <p class="lead">%s</p>
                %s
                %s
                <div class="cards">
                <section class="card">
                <h2>Email me a link</h2>
                <p class="muted">New here? The same link creates your account.</p>
                %s
                <form id="email-form" method="post" action="%s">%s
                <input type="hidden" name="method" value="email">
                <label for="email">Email address</label>
                <input id="email" name="email" type="email" autocomplete="email" required value="%s">
                <button type="submit">Email me a link</button>
                </form>
                </section>
                <section class="card">
                <h2>Text me a link</h2>
                <p class="muted">In international format, such as +15555550100.</p>
                %s
                <form id="sms-form" method="post" action="%s">%s
                <input type="hidden" name="method" value="sms">
                <label for="phone">Mobile phone number</label>
                <input id="phone" name="phone" type="tel" autocomplete="tel" required value="%s">
                <button type="submit">Text me a link</button>
                </form>
                </section>
                <section class="card">
                <h2>Use my phone to sign in here</h2>
                <p class="muted">We email you numbered links. Open the email anywhere, click the number this page
                shows, and this browser signs you in.</p>
                %s
                <form id="enchanted-form" method="post" action="%s">%s
                <input type="hidden" name="method" value="enchanted">
                <label for="enchanted-email">Email address</label>
                <input id="enchanted-email" name="email" type="email" autocomplete="email" required value="%s">
                <button type="submit">Email me numbered links</button>
                </form>
                </section>
                </div>
                """.formatted(intro, alreadySignedIn, DevNotice.demoUsers(devMode()),
                attempt.errorFor("email"), action, hidden, Encode.forHtmlAttribute(attempt.valueFor("email")),
                attempt.errorFor("sms"), action, hidden, Encode.forHtmlAttribute(attempt.valueFor("sms")),
                attempt.errorFor("enchanted"), action, hidden, Encode.forHtmlAttribute(attempt.valueFor("enchanted"))));
    }

    /** This login page again, keeping where the user wanted to go. */
    private static String loginUrl(Page page, HttpServletRequest request) {
        return page.url(loginPath(request));
    }

    /** The path of this login page, keeping where the user wanted to go. */
    private static String loginPath(HttpServletRequest request) {
        String next = request.getParameter("next");
        return next == null || next.isEmpty() ? "/login"
                : "/login?next=" + URLEncoder.encode(next, StandardCharsets.UTF_8);
    }

    private Optional<DevMode> devMode() {
        return DevMode.of(getServletContext());
    }
}
