package io.descopefilter.sample.browser;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.Map;

import static io.descopefilter.sample.launcher.DemoUsers.ALICE_EMAIL;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The account page is a step-up path: a sign-in older than {@code stepUpMaxAge} is sent to the login page, which
 * sends a step-up link to the signed-in user. Here {@code stepUpMaxAge} is 3 seconds, so a sign-in grows stale
 * within the test.
 */
class StepUpIT {

    @RegisterExtension
    static final SampleSite SITE = new SampleSite(Map.of("stepUpMaxAge", "3"), null);

    @RegisterExtension
    final Browsers browsers = new Browsers(SITE);

    @Test
    void aStaleSignInConfirmsItsTheUserWithAStepUpLinkBeforeTheAccountPage() throws Exception {
        Browser browser = browsers.open().open("/app/");
        AccountFeaturesIT.signInByEmail(browser, ALICE_EMAIL, "a***@example.com");
        assertThat(browser.location()).isEqualTo("/app/");

        browser.openUntil("/app/account", location -> location.startsWith("/login"), Duration.ofSeconds(20));
        assertThat(browser.location()).isEqualTo("/login?next=%2Fapp%2Faccount&stepup=true");
        assertThat(browser.heading()).isEqualTo("Confirm it's you");
        assertThat(browser.textOf("step-up-to")).isEqualTo("a***@example.com");

        browser.submit("step-up-form");
        assertThat(browser.heading()).isEqualTo("Check your email");
        browser.openOutboxFromPage().followNewestLinkTo(ALICE_EMAIL).press("Sign in as a***@example.com");

        assertThat(browser.location()).isEqualTo("/app/account");
        assertThat(browser.heading()).isEqualTo("Your account");
        assertThat(browser.textOf("step-up")).contains("You stepped up");
    }
}
