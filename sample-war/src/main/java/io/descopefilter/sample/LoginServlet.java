package io.descopefilter.sample;

import io.descopefilter.core.DeliveryMethod;
import io.descopefilter.core.LoginOptions;
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
 * The login page ({@code /login}, the filter's {@code loginPage}): ways to get a link (email, SMS, WhatsApp, voice,
 * enchanted link), each a plain form that
 * posts back here. The filter redirects signed-out visitors of protected pages here with {@code ?next=<where they
 * were going>}; the forms carry {@code next} on to {@link DescopeLinks}, which puts it in the link (if it is a safe
 * local path) so the user lands where they meant to go. With {@code stepup=true} (the filter's redirect from a
 * step-up path) a signed-in user is asked to confirm it's them with a step-up link instead.
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
            case "sms", "whatsapp", "voice" -> {
                String phone = request.getParameter("phone");
                DeliveryMethod delivery = switch (method) {
                    case "whatsapp" -> DeliveryMethod.WHATSAPP;
                    case "voice" -> DeliveryMethod.VOICE;
                    default -> DeliveryMethod.SMS;
                };
                LinkSent sent = links.sendMagicLink(request, delivery, LinkPurpose.SIGN_UP_OR_IN, phone, next, null);
                answer(page, request, response, sent, new Attempt(method, phone, sent.message()), "phone");
            }
            case "stepup" -> stepUp(page, request, response, links, next);
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

    /**
     * The step-up link: to the signed-in user's own address (never one from the form), with {@code stepup} so that
     * Descope marks the new session as stepped up ({@code su}) and the filter counts it as a recent sign-in.
     */
    private void stepUp(Page page, HttpServletRequest request, HttpServletResponse response, DescopeLinks links,
                        String next) throws IOException {
        Optional<StepUpAddress> address = StepUpAddress.of(request, links);
        if (address.isEmpty()) {
            showForms(page, request, HttpServletResponse.SC_BAD_REQUEST,
                    new Attempt("email", "", "Sign in first; then confirm it's you."));
            return;
        }
        LinkSent sent = links.sendMagicLink(request, address.get().method(), LinkPurpose.SIGN_IN,
                address.get().loginId(), next, LoginOptions.builder().stepup(true).build());
        answer(page, request, response, sent, new Attempt("stepup", "", sent.message()),
                address.get().method() == DeliveryMethod.EMAIL ? "email" : "phone");
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
        if ("true".equals(request.getParameter("stepup"))) {
            Optional<StepUpAddress> address = StepUpAddress.of(request, DescopeLinks.from(getServletContext()));
            if (address.isPresent()) {
                showStepUp(page, request, status, attempt, next, address.get());
                return;
            }
        }
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
                <h2>Send a link by WhatsApp</h2>
                %s
                <form id="whatsapp-form" method="post" action="%s">%s
                <input type="hidden" name="method" value="whatsapp">
                <label for="whatsapp-phone">WhatsApp phone number</label>
                <input id="whatsapp-phone" name="phone" type="tel" autocomplete="tel" required value="%s">
                <button type="submit">Send me a WhatsApp link</button>
                </form>
                </section>
                <section class="card">
                <h2>Call me with a link</h2>
                <p class="muted">A voice call reads out the link.</p>
                %s
                <form id="voice-form" method="post" action="%s">%s
                <input type="hidden" name="method" value="voice">
                <label for="voice-phone">Phone number</label>
                <input id="voice-phone" name="phone" type="tel" autocomplete="tel" required value="%s">
                <button type="submit">Call me</button>
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
                attempt.errorFor("whatsapp"), action, hidden, Encode.forHtmlAttribute(attempt.valueFor("whatsapp")),
                attempt.errorFor("voice"), action, hidden, Encode.forHtmlAttribute(attempt.valueFor("voice")),
                attempt.errorFor("enchanted"), action, hidden, Encode.forHtmlAttribute(attempt.valueFor("enchanted"))));
    }

    /**
     * The filter sent a signed-in user here from a step-up path ({@code stepUpPaths}) because their sign-in is older
     * than {@code stepUpMaxAge}: one button sends a step-up link to their own address.
     */
    private void showStepUp(Page page, HttpServletRequest request, int status, Attempt attempt, String next,
                            StepUpAddress address) throws IOException {
        String hidden = page.csrfField() + "<input type=\"hidden\" name=\"next\" value=\""
                + Encode.forHtmlAttribute(next) + "\"><input type=\"hidden\" name=\"stepup\" value=\"true\">";
        String otherUser = page.url(next.isEmpty() ? "/login"
                : "/login?next=" + URLEncoder.encode(next, StandardCharsets.UTF_8));
        page.send(status, "Confirm it's you", """
                <h1>Confirm it's you</h1>
                <p class="lead" id="step-up-reason">This page changes how you sign in, so it needs a recent sign-in.
                You signed in a while ago: confirm it's you with a link sent to <strong id="step-up-to">%s</strong>.
                </p>
                <section class="card">
                %s
                <form id="step-up-form" method="post" action="%s">%s
                <input type="hidden" name="method" value="stepup">
                <button type="submit">%s</button>
                </form>
                </section>
                <p class="muted">Not you? <a href="%s">Sign in as someone else</a>.</p>
                """.formatted(Encode.forHtml(address.masked()), attempt.errorFor("stepup"),
                Encode.forHtmlAttribute(page.url("/login")), hidden,
                address.method() == DeliveryMethod.EMAIL ? "Email me a confirmation link" : "Text me a confirmation link",
                Encode.forHtmlAttribute(otherUser)));
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
