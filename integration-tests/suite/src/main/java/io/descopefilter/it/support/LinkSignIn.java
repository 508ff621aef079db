package io.descopefilter.it.support;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a person does to sign in with a link, step by step over HTTP: open the app's login page, submit it,
 * find the link in the emulator's outbox, open it, press the confirmation button.
 */
public final class LinkSignIn {

    private final TestApp app;
    private final TestDescope descope;

    public LinkSignIn(TestApp app, TestDescope descope) {
        this.app = app;
        this.descope = descope;
    }

    public TestApp app() {
        return app;
    }

    /**
     * Asks for an email link for this user from a fresh browser and returns the link that arrives. That browser is
     * then thrown away, so wherever the link is opened it is a browser that did not ask for it (a forwarded link):
     * the landing names the account and asks once more ({@link #continueIfAsked}).
     */
    public String sendLink(TestUser user) {
        return sendLink(app.newBrowser(), user);
    }

    /** Asks for an email link for this user from {@code browser}, which the link is then bound to. */
    public String sendLink(Browser browser, TestUser user) {
        Inbox inbox = inbox(user.loginId());
        int before = inbox.size();
        requestMagicLink(browser, user.loginId());
        return inbox.awaitLink(before + 1).url();
    }

    public Inbox inbox(String address) {
        return new Inbox(descope.emulator(), address);
    }

    /** Opens {@code /login} and submits its form with these fields changed (loginId, method, purpose, kind, next). */
    public Page requestLink(Browser browser, Map<String, String> fields) {
        HtmlForm form = browser.get("/login").form();
        for (Map.Entry<String, String> field : fields.entrySet()) {
            form = form.withField(field.getKey(), field.getValue());
        }
        return browser.submit(form);
    }

    /** Asks for an email sign-in link and checks the app accepted the request. */
    public Page requestMagicLink(Browser browser, String loginId) {
        return requestMagicLink(browser, loginId, null);
    }

    public Page requestMagicLink(Browser browser, String loginId, String next) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("loginId", loginId);
        if (next != null) {
            fields.put("next", next);
        }
        Page sent = requestLink(browser, fields);
        assertThat(sent.status()).as("link request accepted: %s", sent).isEqualTo(200);
        return sent;
    }

    /**
     * Opens a link and, if the landing asks for confirmation, presses the button; when the link was opened in a
     * browser that did not ask for it, also presses "Continue as ..." on the page that names the account. Returns
     * the final answer.
     */
    public Page openAndConfirm(Browser browser, String linkUrl) {
        Page landing = browser.get(linkUrl);
        if (landing.status() == 200 && landing.body().contains("<form")) {
            return continueIfAsked(browser, browser.submit(landing.form()));
        }
        return landing;
    }

    /**
     * Whether this is the page a link shows in a browser that did not ask for it (another device, a forwarded
     * message): "You are signing in as &lt;login ID&gt;", whose form holds the verified sign-in ({@code held}).
     */
    public static boolean isAccountConfirmation(Page page) {
        return page.status() == 200 && page.body().contains("You are signing in as")
                && page.body().contains("name=\"held\"");
    }

    /** Presses "Continue as ..." when the page is {@link #isAccountConfirmation an account confirmation}. */
    public static Page continueIfAsked(Browser browser, Page page) {
        return isAccountConfirmation(page) ? browser.submit(page.form()) : page;
    }

    /** Submits a landing's confirmation form and, if asked, confirms the account too (a link from elsewhere). */
    public static Page confirm(Browser browser, HtmlForm form) {
        return continueIfAsked(browser, browser.submit(form));
    }

    /** The whole sign-in of an email user; returns the filter's answer to the confirmation (a 303 on success). */
    public Page signIn(Browser browser, TestUser user) {
        return signIn(browser, user.loginId(), null);
    }

    public Page signIn(Browser browser, String loginId, String next) {
        Inbox inbox = inbox(loginId);
        int before = inbox.size();
        requestMagicLink(browser, loginId, next);
        Page done = openAndConfirm(browser, inbox.awaitLink(before + 1).url());
        assertThat(done.status()).as("sign-in completed with a redirect: %s", done).isEqualTo(303);
        return done;
    }

    /** An embedded sign-in URL made by the app for this login ID. */
    public String embeddedLink(Browser browser, String loginId, String next) {
        StringBuilder query = new StringBuilder("/login/embedded?loginId=").append(Request.encode(loginId));
        if (next != null) {
            query.append("&next=").append(Request.encode(next));
        }
        Page answer = browser.get(query.toString());
        assertThat(answer.status()).as("embedded link made: %s", answer).isEqualTo(200);
        return answer.json().getString("url");
    }

    /** GET /app/me as JSON; fails unless the user is signed in. */
    public JsonObject whoAmI(Browser browser) {
        Page me = browser.get("/app/me");
        assertThat(me.status()).as("signed in: %s", me).isEqualTo(200);
        return me.json();
    }

    /** Whether a request to a protected page is let through (a browser without a session is redirected). */
    public static boolean isSignedIn(Browser browser) {
        Page me = browser.get("/app/me");
        return me.status() == 200 && me.body().contains(TestApp.PROTECTED_MARKER);
    }
}
