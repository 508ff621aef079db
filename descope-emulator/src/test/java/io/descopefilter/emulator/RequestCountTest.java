package io.descopefilter.emulator;

import static io.descopefilter.emulator.Flows.body;
import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code /emulator/requests} and {@code /emulator/rate-limits}. */
class RequestCountTest {

    private DescopeEmulator emulator;
    private EmulatorClient client;
    private Flows flows;

    @BeforeEach
    void start() {
        emulator = TestEmulators.builder().start();
        client = new EmulatorClient(emulator);
        flows = new Flows(emulator, client);
        flows.createUser("alice@example.com");
    }

    @AfterEach
    void stop() {
        emulator.close();
    }

    @Test
    void requestsAreCountedPerEndpointWithoutTheControlRoutes() {
        flows.login("alice@example.com");
        flows.verifyMagicLink("unknown");
        client.get("/v2/keys/" + TestEmulators.PROJECT_ID, null);
        client.get("/v1/nothing/here", client.project());
        client.get("/emulator/outbox", null);

        JsonObject counts = client.get("/emulator/requests", null).json();

        assertThat(counts.getInt("total")).isEqualTo(5);
        JsonObject byEndpoint = counts.getJsonObject("byEndpoint");
        assertThat(byEndpoint.getInt("POST /v1/auth/magiclink/signin/{method}")).isEqualTo(1);
        assertThat(byEndpoint.getInt("POST /v1/auth/magiclink/verify")).isEqualTo(2);
        assertThat(byEndpoint.getInt("GET /v2/keys/{projectId}")).isEqualTo(1);
        assertThat(byEndpoint.getInt("GET (no route)")).isEqualTo(1);
        assertThat(byEndpoint.keySet()).noneMatch(key -> key.contains("/emulator/"));
        assertThat(emulator.requestCountsByEndpoint()).containsEntry("POST /v1/auth/magiclink/verify", 2L);
        assertThat(emulator.requestCount("/v1/auth/magiclink/verify")).isEqualTo(2);
    }

    @Test
    void deleteResetsEveryCountAndNeedsTheControlHeader() throws Exception {
        flows.login("alice@example.com");

        var withoutHeader = client.sendRaw(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(emulator.baseUrl() + "/emulator/requests")).DELETE().build());
        assertThat(withoutHeader.statusCode()).isEqualTo(403);
        assertThat(client.get("/emulator/requests", null).json().getInt("total")).isEqualTo(2);

        assertThat(client.delete("/emulator/requests").status()).isEqualTo(200);

        JsonObject counts = client.get("/emulator/requests", null).json();
        assertThat(counts.getInt("total")).isZero();
        assertThat(counts.getJsonObject("byEndpoint")).isEmpty();
        assertThat(emulator.requestCount("/v1/auth/magiclink/verify")).isZero();
    }

    @Test
    void rateLimitsCanBeReadAndReplacedOverTheControlApi() {
        JsonObject initial = client.get("/emulator/rate-limits", null).json();
        assertThat(initial.getJsonObject("perLoginId").getInt("limit")).isEqualTo(20);
        assertThat(initial.getJsonObject("perClient").getInt("windowSeconds")).isEqualTo(60);

        Reply set = client.post("/emulator/rate-limits", null,
                "{\"perLoginId\":{\"limit\":1,\"windowSeconds\":30}}");

        assertThat(set.status()).as(set.body()).isEqualTo(200);
        assertThat(emulator.rateLimit()).isEqualTo(RateLimit.defaults().withPerLoginId(1, Duration.ofSeconds(30)));
        String signIn = body("loginId", "alice@example.com");
        assertThat(client.post("/v1/auth/magiclink/signin/email", client.project(), signIn).status()).isEqualTo(200);
        assertThat(client.post("/v1/auth/magiclink/signin/email", client.project(), signIn).status()).isEqualTo(429);
        assertThat(client.post("/emulator/rate-limits", null, "{\"perClient\":{\"limit\":-1}}").errorCode())
                .isEqualTo("E011004");

        emulator.rateLimit(RateLimit.unlimited());

        assertThat(client.post("/v1/auth/magiclink/signin/email", client.project(), signIn).status()).isEqualTo(200);
        assertThat(client.get("/emulator/rate-limits", null).json().getJsonObject("perLoginId").getInt("limit"))
                .isZero();
    }
}
