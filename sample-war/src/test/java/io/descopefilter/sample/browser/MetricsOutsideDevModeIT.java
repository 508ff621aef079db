package io.descopefilter.sample.browser;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Outside dev mode {@code /dev/metrics} does not exist. Dev mode is the launcher's outbox URL, and only that; here
 * the sample runs with the emulator but without a usable outbox URL, so it is not in dev mode.
 */
class MetricsOutsideDevModeIT {

    @RegisterExtension
    static final SampleSite SITE = new SampleSite(Map.of("sample.devOutboxUrl", "none"), null);

    @Test
    void theMetricsPageIsNotServed() throws Exception {
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(SITE.baseUrl() + "/dev/metrics")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(answer.statusCode()).isEqualTo(404);
        assertThat(answer.body()).doesNotContain("descope_");
        HttpResponse<String> home = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(SITE.baseUrl() + "/")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(home.body()).as("not in dev mode").doesNotContain("Dev mode");
    }
}
