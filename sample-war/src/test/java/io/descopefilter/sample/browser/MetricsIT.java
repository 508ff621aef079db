package io.descopefilter.sample.browser;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static io.descopefilter.sample.launcher.DemoUsers.ALICE_EMAIL;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample's metrics in headless Chromium, in dev mode: the dashboard's counter panel after a sign-in, and the
 * Prometheus text of {@code /dev/metrics} that the panel links to.
 */
class MetricsIT {

    @RegisterExtension
    static final SampleSite SITE = new SampleSite();

    @RegisterExtension
    final Browsers browsers = new Browsers(SITE);

    @Test
    void theDashboardCountsTheSignInAndTheDevModeMetricsPageShowsTheSeries() throws Exception {
        Browser browser = browsers.open().open("/app/");
        assertThat(browser.location()).startsWith("/login");
        browser.fill("email", ALICE_EMAIL).submit("email-form").openOutboxFromPage().followNewestLinkTo(ALICE_EMAIL)
                .press("Sign in as a***@example.com");
        assertThat(browser.location()).isEqualTo("/app/");

        assertThat(browser.textOf("count-signins")).isEqualTo("1");
        assertThat(browser.textOf("count-links-sent")).isEqualTo("1");
        assertThat(browser.textOf("count-refused")).isEqualTo("0");

        browser.follow("/dev/metrics");

        assertThat(browser.location()).isEqualTo("/dev/metrics");
        assertThat(browser.pageText())
                .contains("descope_signins_total{channel=\"email\",method=\"magic\"} 1.0")
                .contains("descope_links_sent_total{channel=\"email\",method=\"magic\"} 1.0")
                .contains("descope_calls_seconds_count{kind=\"verify\",outcome=\"ok\"} 1")
                .doesNotContain(ALICE_EMAIL)
                .doesNotContain("a***@");
    }
}
