package io.descopefilter.sample.browser;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.Map;

import static io.descopefilter.sample.launcher.DemoUsers.ALICE_EMAIL;
import static io.descopefilter.sample.launcher.DemoUsers.ALICE_PHONE;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard and admin features beyond signing in: an invitation by embedded sign-up link with a custom claim,
 * the user's profile at Descope, switching tenants, and WhatsApp and voice links. A site of its own, with send
 * limits raised because these tests all sign Alice in.
 */
class AccountFeaturesIT {

    @RegisterExtension
    static final SampleSite SITE = new SampleSite(
            Map.of("sendLimitPerLoginId", "50", "sendLimitPerClient", "200"), null);

    @RegisterExtension
    final Browsers browsers = new Browsers(SITE);

    @Test
    void anAdminInvitesAUserWhoseFirstSessionCarriesTheInvitedByClaim() throws Exception {
        Browser admin = browsers.open().open("/app/");
        signInByEmail(admin, ALICE_EMAIL, "a***@example.com");
        String aliceId = admin.textOf("user-id");

        admin.open("/app/admin").fill("invite-email", "erin@example.com").fill("invite-name", "Erin Invited")
                .submit("invite-form");
        assertThat(admin.heading()).isEqualTo("Invitation created");
        String link = admin.hrefOf("invite-link");
        assertThat(link).startsWith(SITE.baseUrl() + "/descope/verify?");

        Browser invited = browsers.open().openUrl(link);
        confirmInAnotherBrowser(invited, "erin@example.com");

        assertThat(invited.location()).isEqualTo("/app/");
        assertThat(invited.textOf("claims")).contains("invitedBy = " + aliceId);
        assertThat(invited.textOf("profile-name")).isEqualTo("Erin Invited");
        assertThat(invited.textOf("profile-email")).contains("erin@example.com");
    }

    @Test
    void theDashboardShowsTheUserAsDescopeHasThem() throws Exception {
        Browser browser = browsers.open().open("/app/");
        signInByEmail(browser, ALICE_EMAIL, "a***@example.com");

        assertThat(browser.textOf("profile-name")).isEqualTo("Alice Example");
        assertThat(browser.textOf("profile-email")).isEqualTo(ALICE_EMAIL + " verified");
        assertThat(browser.textOf("profile-phone")).isEqualTo(ALICE_PHONE + " verified");
        assertThat(browser.textOf("profile-login-ids")).contains(ALICE_EMAIL, ALICE_PHONE);
    }

    @Test
    void switchingTheCurrentTenantChangesTheRoles() throws Exception {
        Browser browser = browsers.open().open("/app/");
        signInByEmail(browser, ALICE_EMAIL, "a***@example.com");
        assertThat(browser.textOf("tenant-acme")).contains("acme", "editor");
        assertThat(browser.textOf("tenant-globex")).contains("globex", "billing", "viewer");

        browser.press("Switch to globex");
        assertThat(browser.location()).isEqualTo("/app/");
        assertThat(browser.textOf("current-tenant")).isEqualTo("globex");
        assertThat(browser.textOf("effective-roles")).contains("admin", "billing", "viewer").doesNotContain("editor");

        browser.press("Switch to acme");
        assertThat(browser.textOf("current-tenant")).isEqualTo("acme");
        assertThat(browser.textOf("effective-roles")).contains("admin", "editor").doesNotContain("viewer", "billing");
    }

    @Test
    void aWhatsAppLinkSignsIn() throws Exception {
        Browser browser = browsers.open().open("/login");
        browser.fill("whatsapp-phone", ALICE_PHONE).submit("whatsapp-form");
        assertThat(browser.heading()).isEqualTo("Check your phone");

        browser.openOutboxFromPage().followNewestLinkTo(ALICE_PHONE).press("Sign in as +***01");

        assertThat(browser.location()).isEqualTo("/app/");
        assertThat(browser.textOf("amr")).contains("a link sent by WhatsApp");
    }

    @Test
    void aVoiceLinkSignsIn() throws Exception {
        Browser browser = browsers.open().open("/login");
        browser.fill("voice-phone", ALICE_PHONE).submit("voice-form");
        assertThat(browser.heading()).isEqualTo("Check your phone");

        browser.openOutboxFromPage().followNewestLinkTo(ALICE_PHONE).press("Sign in as +***01");

        assertThat(browser.location()).isEqualTo("/app/");
        assertThat(browser.textOf("amr")).contains("a link read out by a voice call");
    }

    /** A link this browser did not ask for: the filter names the account and signs in after the click. */
    private static void confirmInAnotherBrowser(Browser browser, String loginId) {
        if (browser.pageText().contains("Continue signing in")) {
            browser.press("Continue signing in");
        }
        browser.press("Continue as " + loginId);
    }

    static void signInByEmail(Browser browser, String email, String masked) {
        assertThat(browser.location()).startsWith("/login");
        browser.fill("email", email).submit("email-form").openOutboxFromPage().followNewestLinkTo(email)
                .press("Sign in as " + masked);
    }
}
