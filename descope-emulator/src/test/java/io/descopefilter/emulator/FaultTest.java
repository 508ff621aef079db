package io.descopefilter.emulator;

import static io.descopefilter.emulator.Flows.body;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FaultTest {

    private static final String VERIFY = "/v1/auth/magiclink/verify";
    private static final String KEYS = "/v2/keys/" + TestEmulators.PROJECT_ID;

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

    private HttpRequest verifyRequest(String token) {
        return client.request(VERIFY, client.project())
                .POST(HttpRequest.BodyPublishers.ofString(body("token", token))).build();
    }

    @Test
    void latencyDelaysTheAnswerBeyondAShortClientTimeout() {
        emulator.faults().set(KEYS, Fault.latency(Duration.ofSeconds(3)).times(1));
        HttpRequest impatient = client.request(KEYS, client.project()).timeout(Duration.ofMillis(300)).GET().build();

        assertThatThrownBy(() -> client.sendRaw(impatient)).isInstanceOf(HttpTimeoutException.class);
    }

    @Test
    void latencyThenTheEndpointStillRuns() {
        emulator.faults().set(KEYS, Fault.latency(Duration.ofMillis(50)));

        Reply reply = client.get(KEYS, client.project());

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().getJsonArray("keys")).hasSize(1);
    }

    @Test
    void aForcedStatusAnswersTheErrorCodeAndSkipsTheEndpoint() {
        String token = flows.magicLinkToken("alice@example.com");
        emulator.faults().set(VERIFY, Fault.status(503, "E000503").times(1));

        Reply faulted = flows.verifyMagicLink(token);

        assertThat(faulted.status()).isEqualTo(503);
        assertThat(faulted.errorCode()).isEqualTo("E000503");
        assertThat(flows.verifyMagicLink(token).status()).isEqualTo(200);
    }

    @Test
    void aForced429CarriesRetryAfter() {
        emulator.faults().set(KEYS, Fault.status(429, null).times(1));

        Reply reply = client.get(KEYS, client.project());

        assertThat(reply.status()).isEqualTo(429);
        assertThat(reply.errorCode()).isEqualTo("E130429");
        assertThat(reply.header("Retry-After")).isEqualTo("1");
    }

    @Test
    void aMalformedBodyIsHtmlInsteadOfJson() {
        String token = flows.magicLinkToken("alice@example.com");
        emulator.faults().set(VERIFY, Fault.malformedBody().times(1));

        Reply reply = flows.verifyMagicLink(token);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.header("Content-Type")).startsWith("text/html");
        assertThat(reply.body()).startsWith("<!DOCTYPE html>");
        assertThat(flows.verifyMagicLink(token).status()).isEqualTo(200);
    }

    @Test
    void aTruncatedBodyBreaksTheReadAfterTheEndpointRan() {
        String token = flows.magicLinkToken("alice@example.com");
        emulator.faults().set(VERIFY, Fault.truncatedBody().times(1));

        assertThatThrownBy(() -> client.sendRaw(verifyRequest(token))).isInstanceOf(IOException.class);

        assertThat(flows.verifyMagicLink(token).errorCode()).isEqualTo("E063010");
    }

    @Test
    void aDroppedConnectionGetsNoResponseAndTheEndpointDoesNotRun() {
        String token = flows.magicLinkToken("alice@example.com");
        emulator.faults().set(VERIFY, Fault.dropConnection());

        assertThatThrownBy(() -> client.sendRaw(verifyRequest(token))).isInstanceOf(IOException.class);

        emulator.faults().clear();
        assertThat(flows.verifyMagicLink(token).status()).isEqualTo(200);
    }

    @Test
    void aLimitedFaultAppliesThatManyTimesThenDisappears() {
        emulator.faults().set(KEYS, Fault.status(500, "E000500").times(2));

        assertThat(client.get(KEYS, client.project()).status()).isEqualTo(500);
        assertThat(client.get(KEYS, client.project()).status()).isEqualTo(500);
        assertThat(client.get(KEYS, client.project()).status()).isEqualTo(200);
        assertThat(emulator.faults().active()).isEmpty();
    }

    @Test
    void faultsOnlyHitTheirExactPath() {
        emulator.faults().set("/v2/keys/someone-else", Fault.status(500, "E000500"));

        assertThat(client.get(KEYS, client.project()).status()).isEqualTo(200);
    }

    @Test
    void faultsCannotTargetTheControlRoutes() {
        assertThatThrownBy(() -> emulator.faults().set("/emulator/outbox", Fault.dropConnection()))
                .isInstanceOf(IllegalArgumentException.class);

        Reply reply = client.post("/emulator/faults", null, "{\"path\":\"/emulator/outbox\",\"drop\":true}");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(client.get("/emulator/outbox", null).status()).isEqualTo(200);
    }

    @Test
    void faultsCanBeArmedListedAndClearedOverHttp() {
        Reply armed = client.post("/emulator/faults", null,
                "{\"path\":\"" + KEYS + "\",\"latencyMs\":10,\"status\":503,\"errorCode\":\"E000001\",\"times\":1}");
        assertThat(armed.status()).as(armed.body()).isEqualTo(200);
        assertThat(client.get("/emulator/faults", null).jsonArray().getJsonObject(0).getInt("status")).isEqualTo(503);

        assertThat(client.get(KEYS, client.project()).status()).isEqualTo(503);
        assertThat(client.get("/emulator/faults", null).jsonArray()).isEmpty();

        client.post("/emulator/faults", null, "{\"path\":\"" + KEYS + "\",\"body\":\"malformed\"}");
        assertThat(client.delete("/emulator/faults").status()).isEqualTo(200);
        assertThat(client.get(KEYS, client.project()).status()).isEqualTo(200);
    }

    @Test
    void invalidFaultDefinitionsAreRejected() {
        assertThat(client.post("/emulator/faults", null, "{\"path\":\"" + KEYS + "\",\"body\":\"weird\"}").errorCode())
                .isEqualTo("E011004");
        assertThat(client.post("/emulator/faults", null, "{\"path\":\"" + KEYS + "\",\"status\":42}").errorCode())
                .isEqualTo("E011004");
        assertThat(client.post("/emulator/faults", null, "{\"status\":500}").errorCode()).isEqualTo("E011003");
    }
}
