package io.descopefilter.sample.browser;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static io.descopefilter.sample.launcher.DemoUsers.ALICE_EMAIL;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A magic link opened in a browser that did not ask for it (another device, a forwarded email): the filter names
 * the account in full and signs in only after a second, explicit click; the browser that asked needs one click.
 * A site of its own, so that its sends do not count against the other browser tests' send limits.
 */
class CrossDeviceIT {

    @RegisterExtension
    static final SampleSite SITE = new SampleSite();

    @RegisterExtension
    final Browsers browsers = new Browsers(SITE);

    @Test
    void anEmailLinkOpenedInAnotherBrowserNamesTheAccountAndSignsInAfterContinue() throws Exception {
        Browser asking = browsers.open().open("/app/");
        asking.fill("email", ALICE_EMAIL).submit("email-form");
        assertThat(asking.heading()).isEqualTo("Check your email");

        Browser other = browsers.open().openUrl(SITE.outboxUrl()).followNewestLinkTo(ALICE_EMAIL);
        assertThat(other.location()).startsWith("/descope/verify?");
        assertThat(other.pageText()).as("this browser asked for nothing: no account is claimed")
                .doesNotContain("a***@example.com");
        other.press("Continue signing in");
        assertThat(other.heading()).isEqualTo("You are signing in as " + ALICE_EMAIL);
        assertThat(other.cookie("DS")).as("not signed in before Continue").isEmpty();

        other.press("Continue as " + ALICE_EMAIL);
        assertThat(other.location()).isEqualTo("/app/");
        assertThat(other.textOf("user-id")).isNotBlank();
        assertThat(other.cookie("DS")).isPresent();

        asking.open("/app/account").fill("email", ALICE_EMAIL).submit("email-form");
        asking.openOutboxFromPage().followNewestLinkTo(ALICE_EMAIL).press("Sign in as a***@example.com");
        assertThat(asking.location()).as("the browser that asked: one click").isEqualTo("/app/account");
        assertThat(asking.heading()).isEqualTo("Your account");
    }
}
