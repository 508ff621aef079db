package io.descopefilter.sample.browser;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.Map;

import static io.descopefilter.sample.launcher.DemoUsers.BOB_EMAIL;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * "Sign out everywhere" ends the session in this browser at once and in every other browser when its session token
 * next needs renewing. Here the emulator's session tokens last 3 seconds (and the filter allows 1 second of clock
 * skew), so that happens within the test.
 */
class SignOutEverywhereIT {

    @RegisterExtension
    static final SampleSite SITE = new SampleSite(Map.of("clockSkew", "1"), Duration.ofSeconds(3));

    @RegisterExtension
    final Browsers browsers = new Browsers(SITE);

    @Test
    void signingOutEverywhereSignsOutTheOtherBrowserAtItsNextRefresh() throws Exception {
        Browser first = browsers.open().open("/app/");
        AccountFeaturesIT.signInByEmail(first, BOB_EMAIL, "b***@example.com");
        Browser second = browsers.open().open("/app/");
        AccountFeaturesIT.signInByEmail(second, BOB_EMAIL, "b***@example.com");
        assertThat(second.location()).isEqualTo("/app/");
        assertThat(second.textOf("user-id")).isEqualTo(first.open("/app/").textOf("user-id"));

        first.press("Sign out everywhere");
        assertThat(first.location()).isEqualTo("/");
        assertThat(first.cookie("DS")).isEmpty();
        assertThat(first.open("/app/").location()).isEqualTo("/login?next=%2Fapp%2F");

        second.openUntil("/app/", location -> location.startsWith("/login"), Duration.ofSeconds(30));
        assertThat(second.location()).isEqualTo("/login?next=%2Fapp%2F");
        assertThat(second.cookie("DSR")).as("the refused refresh token is cleared").isEmpty();
    }
}
