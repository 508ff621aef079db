package io.descopefilter.sample.browser;

import io.descopefilter.core.DescopeClient;
import io.descopefilter.core.DescopeClientConfig;
import io.descopefilter.core.DescopeUser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static io.descopefilter.sample.launcher.DemoUsers.ALICE_EMAIL;
import static io.descopefilter.sample.launcher.DemoUsers.ALICE_PHONE;
import static io.descopefilter.sample.launcher.DemoUsers.BOB_EMAIL;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample end to end in headless Chromium, as a person uses it in dev mode: sign in through the emulator's
 * outbox, land where they were going, see who they are, get in (or not) by role, change their email, sign out.
 */
class SampleAppIT {

    @RegisterExtension
    static final SampleSite SITE = new SampleSite();

    @RegisterExtension
    final Browsers browsers = new Browsers(SITE);

    @Test
    void emailLinkSignsInThroughTheOutboxAndLandsOnTheOriginalPage() throws Exception {
        Browser browser = browsers.open().open("/app/admin");
        assertThat(browser.location()).isEqualTo("/login?next=%2Fapp%2Fadmin");

        browser.fill("email", ALICE_EMAIL).submit("email-form");
        assertThat(browser.heading()).isEqualTo("Check your email");
        assertThat(browser.textOf("sent-to")).isEqualTo("a***@example.com");

        browser.openOutboxFromPage().followNewestLinkTo(ALICE_EMAIL);
        assertThat(browser.location()).startsWith("/descope/verify?");
        browser.press("Sign in as a***@example.com");

        assertThat(browser.location()).isEqualTo("/app/admin");
        assertThat(browser.heading()).isEqualTo("Admin area");
    }

    @Test
    void adminPageRefusesAUserWithoutTheAdminRole() throws Exception {
        Browser browser = browsers.open().open("/app/admin");
        signInByEmail(browser, BOB_EMAIL, "b***@example.com");

        assertThat(browser.location()).isEqualTo("/app/admin");
        assertThat(browser.heading()).isEqualTo("Admins only");
        assertThat(statusOf("/app/admin", browser)).isEqualTo(403);
        assertThat(statusOf("/app/", browser)).isEqualTo(200);
    }

    @Test
    void smsLinkSignsInTheUserWhosePhoneItIs() throws Exception {
        Browser browser = browsers.open().open("/login");
        browser.fill("phone", ALICE_PHONE).submit("sms-form");
        assertThat(browser.heading()).isEqualTo("Check your phone");

        browser.openOutboxFromPage().followNewestLinkTo(ALICE_PHONE).press("Sign in as +***01");

        assertThat(browser.location()).isEqualTo("/app/");
        assertThat(browser.textOf("amr")).contains("a link sent by text message");
        assertThat(browser.textOf("roles")).isEqualTo("admin");
        assertThat(browser.textOf("tenants")).contains("acme", "editor");
    }

    @Test
    void enchantedLinkOpenedInASecondBrowserSignsInTheFirst() throws Exception {
        Browser asking = browsers.open().open("/app/account");
        asking.fill("enchanted-email", ALICE_EMAIL).submit("enchanted-form");
        String number = asking.textOf("link-number");
        assertThat(number).matches("\\d+");

        Browser phone = browsers.open().openUrl(SITE.outboxUrl()).followEnchantedLink(ALICE_EMAIL, number);
        phone.press("Sign in as a***@example.com");
        assertThat(phone.heading()).isEqualTo("You are signed in");
        assertThat(phone.cookie("DS")).as("the clicking browser gets no session").isEmpty();

        asking.waitForLocation("/app/account");
        assertThat(asking.heading()).isEqualTo("Your account");
    }

    @Test
    void changingTheEmailSendsTheLinkToTheNewAddressAndKeepsTheUser() throws Exception {
        Browser browser = browsers.open().open("/app/");
        signInByEmail(browser, "carol@example.com", "c***@example.com");
        String userId = browser.textOf("user-id");

        browser.open("/app/account").fill("new-email", "carol.new@example.org").submit("change-email-form");
        assertThat(browser.heading()).isEqualTo("Confirm your new email");
        assertThat(browser.textOf("sent-to")).isEqualTo("c***@example.org");

        browser.openOutboxFromPage().followNewestLinkTo("carol.new@example.org").press("Sign in as c***@example.org");

        assertThat(browser.location()).isEqualTo("/app/account");
        assertThat(browser.open("/app/").textOf("user-id")).isEqualTo(userId);
        assertThat(descopeUser(browser).email()).isEqualTo("carol.new@example.org");
    }

    @Test
    void signingOutEndsTheSession() throws Exception {
        Browser browser = browsers.open().open("/app/");
        signInByEmail(browser, BOB_EMAIL, "b***@example.com");
        assertThat(browser.location()).isEqualTo("/app/");
        assertThat(browser.textOf("user-id")).isNotBlank();

        browser.press("Sign out");

        assertThat(browser.location()).isEqualTo("/");
        assertThat(browser.cookie("DS")).isEmpty();
        browser.open("/app/");
        assertThat(browser.location()).isEqualTo("/login?next=%2Fapp%2F");
    }

    @Test
    void aLinkOpenedTwiceShowsTheApplicationsOwnPageOfferingANewLink() throws Exception {
        Browser browser = browsers.open().open("/app/account");
        signInByEmail(browser, "dave@example.com", "d***@example.com");
        assertThat(browser.location()).isEqualTo("/app/account");
        String usedLink = SITE.emulator().outbox().latestTo("dave@example.com").orElseThrow().links().get(0).url();

        browser.openUrl(usedLink).press("Sign in as d***@example.com");

        assertThat(browser.heading()).isEqualTo("This sign-in link has expired");
        browser.follow("Send me a new link");
        // Magic links no longer carry next (it stays with the browser that asked, in the DSLINK cookie), and the
        // filter passes no return path to the application's error page, so the offer is the plain login page.
        assertThat(browser.location()).isEqualTo("/login");
    }

    /** From the login page the filter sent the browser to, through the outbox, back to where it was going. */
    private static void signInByEmail(Browser browser, String email, String masked) {
        assertThat(browser.location()).startsWith("/login");
        browser.fill("email", email).submit("email-form").openOutboxFromPage().followNewestLinkTo(email)
                .press("Sign in as " + masked);
    }

    /** The HTTP status of a page fetched with the browser's session cookies. */
    private static int statusOf(String path, Browser browser) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(SITE.baseUrl() + path))
                .header("Cookie", "DS=" + browser.cookie("DS").orElseThrow() + "; DSR="
                        + browser.cookie("DSR").orElseThrow())
                .build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** The signed-in user as Descope (the emulator) has it now, asked with the browser's refresh token. */
    private static DescopeUser descopeUser(Browser browser) {
        DescopeClientConfig config = DescopeClientConfig.builder().projectId(SITE.emulator().projectId())
                .baseUrl(SITE.emulator().baseUrl()).build();
        try (DescopeClient client = DescopeClient.create(config)) {
            return client.me(browser.cookie("DSR").orElseThrow());
        }
    }
}
