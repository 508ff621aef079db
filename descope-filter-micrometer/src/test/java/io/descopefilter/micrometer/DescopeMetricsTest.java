package io.descopefilter.micrometer;

import io.descopefilter.emulator.EmulatorUser;
import io.descopefilter.emulator.Fault;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The meters after real sign-ins, refusals and sign-outs through the filter in Tomcat against the emulator. */
class DescopeMetricsTest {

    @Test
    void signInsSendsCallsAndRefusalsAreCountedWithLowCardinalityTags() throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (FilterServer server = new FilterServer(Map.of())) {
            server.emulator.createUser(EmulatorUser.builder("alice@example.com").build());
            server.addEventListener(new DescopeMetrics(registry));
            FilterServer.Browser browser = server.newBrowser();

            String link = browser.requestLink("alice@example.com");
            HttpResponse<String> landed = browser.land(link);
            HttpResponse<String> again = server.newBrowser().land(link);
            HttpResponse<String> page = browser.get(server.base + "/orders");
            String csrf = browser.get(server.base + "/login").body();
            HttpResponse<String> logout = browser.post(server.base + "/descope/logout", Map.of("csrf", csrf));

            assertThat(landed.statusCode()).isEqualTo(303);
            assertThat(again.statusCode()).isEqualTo(410);
            assertThat(page.body()).startsWith("hello U");
            assertThat(logout.statusCode()).isEqualTo(303);
        }

        assertThat(count(registry, "descope.signins", "method", "magic", "channel", "email")).isEqualTo(1);
        assertThat(count(registry, "descope.links.sent", "method", "magic", "channel", "email")).isEqualTo(1);
        assertThat(count(registry, "descope.signin.refusals", "method", "magic", "reason", "expired_or_used"))
                .isEqualTo(1);
        assertThat(count(registry, "descope.signouts", "scope", "one")).isEqualTo(1);
        assertThat(registry.get("descope.calls").tags("kind", "send", "outcome", "ok").timer().count()).isEqualTo(1);
        assertThat(registry.get("descope.calls").tags("kind", "verify", "outcome", "ok").timer().count())
                .isEqualTo(1);
        assertThat(registry.get("descope.calls").tags("kind", "verify", "outcome", "refused").timer().count())
                .isEqualTo(1);
        assertThat(registry.get("descope.keys.fetches").tags("outcome", "success").timer().count()).isPositive();
        assertThat(registry.get("descope.breaker.open").gauge().value()).isZero();
        // No tag names a user, a login ID or anything else unbounded.
        assertThat(registry.getMeters()).allSatisfy(meter -> meter.getId().getTags().forEach(tag ->
                assertThat(tag.getValue()).matches("[a-z_]{2,30}")));
    }

    @Test
    void theBreakerIsShownOpenAndItsOpeningCounted() throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (FilterServer server = new FilterServer(Map.of("breakerFailures", "1", "breakerWait", "60"))) {
            server.addEventListener(new DescopeMetrics(registry));
            server.emulator.faults().set("/v1/auth/magiclink/signin/email", Fault.status(503, null));
            FilterServer.Browser browser = server.newBrowser();
            String csrf = browser.get(server.base + "/login").body();

            HttpResponse<String> sent = browser.post(server.base + "/login",
                    Map.of("csrf", csrf, "loginId", "bob@example.com"));

            assertThat(sent.body()).isEqualTo("TRY_LATER");
        }
        assertThat(registry.get("descope.breaker.open").gauge().value()).isEqualTo(1);
        assertThat(count(registry, "descope.breaker.transitions", "state", "open")).isEqualTo(1);
        assertThat(count(registry, "descope.links.refused", "method", "magic", "reason", "unavailable"))
                .isEqualTo(1);
        assertThat(registry.get("descope.calls").tags("kind", "send", "outcome", "failed").timer().count())
                .isEqualTo(1);
    }

    @Test
    void aPrometheusScrapeShowsTheSeries() throws Exception {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        try (FilterServer server = new FilterServer(Map.of())) {
            server.emulator.createUser(EmulatorUser.builder("alice@example.com").build());
            server.addEventListener(new DescopeMetrics(registry));
            FilterServer.Browser browser = server.newBrowser();
            assertThat(browser.land(browser.requestLink("alice@example.com")).statusCode()).isEqualTo(303);
        }

        String scrape = registry.scrape();

        assertThat(scrape).contains("descope_signins_total{channel=\"email\",method=\"magic\"} 1.0")
                .contains("descope_links_sent_total{channel=\"email\",method=\"magic\"} 1.0")
                .contains("descope_calls_seconds_count{kind=\"verify\",outcome=\"ok\"} 1")
                .contains("descope_breaker_open 0.0")
                .doesNotContain("alice")
                .doesNotContain("a***");
    }

    private static double count(MeterRegistry registry, String name, String... tags) {
        return registry.get(name).tags(tags).counter().count();
    }
}
