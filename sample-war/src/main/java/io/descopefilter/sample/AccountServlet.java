package io.descopefilter.sample;

import io.descopefilter.core.DeliveryMethod;
import io.descopefilter.jakarta.DescopeLinks;
import io.descopefilter.jakarta.DescopePrincipal;
import io.descopefilter.jakarta.LinkSent;
import io.descopefilter.jakarta.SendOutcome;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.owasp.encoder.Encode;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Objects;
import java.util.Optional;

/**
 * Account settings ({@code /app/account}): change the email address or phone number. The change takes effect only
 * when the user opens the link sent to the new address, which proves it is theirs; the link then brings them back
 * here, signed in.
 */
public final class AccountServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final String PATH = "/app/account";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        showForms(new Page(request, response), HttpServletResponse.SC_OK, "", "", "");
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Page page = new Page(request, response);
        DescopeLinks links = DescopeLinks.from(getServletContext());
        if (!links.isValidCsrf(request)) {
            page.sendFormExpired(PATH);
            return;
        }
        String change = Objects.toString(request.getParameter("change"), "");
        switch (change) {
            case "email" -> {
                String email = request.getParameter("email");
                LinkSent sent = links.updateEmail(request, email, PATH);
                answer(page, response, sent, change, email, "email");
            }
            case "phone" -> {
                String phone = request.getParameter("phone");
                LinkSent sent = links.updatePhone(request, DeliveryMethod.SMS, phone, PATH);
                answer(page, response, sent, change, phone, "phone");
            }
            default -> showForms(page, HttpServletResponse.SC_BAD_REQUEST, "email", "",
                    "Choose what to change.");
        }
    }

    private void answer(Page page, HttpServletResponse response, LinkSent sent, String change, String value,
                        String where) throws IOException {
        if (sent.outcome() == SendOutcome.NOT_FROM_THIS_SITE) {
            page.sendFormExpired(PATH);
            return;
        }
        if (sent.outcome() == SendOutcome.SIGN_IN_AGAIN || sent.outcome() == SendOutcome.NOT_SIGNED_IN) {
            signInAgain(page, sent, where);
            return;
        }
        if (sent.outcome() != SendOutcome.ACCEPTED) {
            int status = HttpServletResponse.SC_BAD_REQUEST;
            if (sent.outcome() == SendOutcome.TRY_LATER) {
                status = HttpServletResponse.SC_SERVICE_UNAVAILABLE;
                response.setHeader("Retry-After", Long.toString(Math.max(1, sent.retryAfterSeconds())));
            }
            showForms(page, status, change, Objects.toString(value, ""), sent.message());
            return;
        }
        page.send(HttpServletResponse.SC_OK, "Confirm your new " + where, """
                <h1>Confirm your new %s</h1>
                <p class="lead">We sent a link to <strong id="sent-to">%s</strong>. Open it in this browser: your
                %s changes when you do, and the link brings you back here.</p>
                <p class="muted">Until then nothing changes. <a href="%s">Back to your account</a></p>
                %s
                """.formatted(where, Encode.forHtml(sent.maskedAddress()), where,
                Encode.forHtmlAttribute(page.url(PATH)), DevNotice.outbox(DevMode.of(getServletContext()))));
    }

    /**
     * The change needs a recent sign-in (the filter's {@code recentSignInForUpdates}): a borrowed or stolen session
     * must not be able to move the account to someone else's address. Nothing was sent.
     */
    private void signInAgain(Page page, LinkSent sent, String where) throws IOException {
        page.send(HttpServletResponse.SC_UNAUTHORIZED, "Sign in again", """
                <h1>Please sign in again</h1>
                <p class="lead" id="sign-in-again">%s</p>
                <p>Changing your %s needs a recent sign-in. Nothing was changed and no link was sent.</p>
                <p><a id="sign-in-again-link" href="%s">Sign in again</a>, then change your %s.</p>
                """.formatted(Encode.forHtml(sent.message()), where,
                Encode.forHtmlAttribute(page.url("/login?next=" + URLEncoder.encode(PATH, StandardCharsets.UTF_8))),
                where));
    }

    private void showForms(Page page, int status, String change, String value, String error) throws IOException {
        String action = Encode.forHtmlAttribute(page.url(PATH));
        String csrf = page.csrfField();
        page.send(status, "Account", """
                <h1>Your account</h1>
                <p class="lead">Change how you sign in. We send a link to the new address; the change is made when
                you open it.</p>
                %s
                <div class="cards">
                <section class="card">
                <h2>Change email address</h2>
                %s
                <form id="change-email-form" method="post" action="%s">%s
                <input type="hidden" name="change" value="email">
                <label for="new-email">New email address</label>
                <input id="new-email" name="email" type="email" autocomplete="email" required value="%s">
                <button type="submit">Send confirmation link</button>
                </form>
                </section>
                <section class="card">
                <h2>Change phone number</h2>
                %s
                <form id="change-phone-form" method="post" action="%s">%s
                <input type="hidden" name="change" value="phone">
                <label for="new-phone">New mobile phone number</label>
                <input id="new-phone" name="phone" type="tel" autocomplete="tel" required value="%s">
                <button type="submit">Text me a confirmation link</button>
                </form>
                </section>
                </div>
                """.formatted(stepUpState(page), errorFor("email", change, error), action, csrf,
                Encode.forHtmlAttribute(change.equals("email") ? value : ""),
                errorFor("phone", change, error), action, csrf,
                Encode.forHtmlAttribute(change.equals("phone") ? value : "")));
    }

    /**
     * This page is a step-up path (web.xml {@code stepUpPaths}): the filter lets in only a sign-in or step-up within
     * {@code stepUpMaxAge}; an older session went to the login page first, to confirm it's the user.
     */
    private static String stepUpState(Page page) {
        Optional<DescopePrincipal> user = SignedInUser.of(page.request());
        if (user.isEmpty()) {
            return "";
        }
        String when = user.get().authenticatedAt().map(TIME::format).orElse("an unknown time");
        String text = user.get().isSteppedUp()
                ? "You stepped up: you confirmed it's you at " + when + "."
                : "You signed in at " + when + ".";
        return "<p class=\"notice\" id=\"step-up\">" + Encode.forHtml(text)
                + " Changes here need a recent sign-in or step-up.</p>";
    }

    private static String errorFor(String form, String change, String error) {
        return form.equals(change) && !error.isEmpty()
                ? "<p class=\"error\" role=\"alert\">" + Encode.forHtml(error) + "</p>" : "";
    }
}
