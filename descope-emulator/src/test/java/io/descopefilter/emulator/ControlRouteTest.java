package io.descopefilter.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The {@code /emulator/*} rules: loopback Host only, a control header on state changes, own threads. */
class ControlRouteTest {

    private DescopeEmulator emulator;
    private EmulatorClient client;
    private String initialKid;

    @BeforeEach
    void start() {
        emulator = TestEmulators.builder().start();
        client = new EmulatorClient(emulator);
        initialKid = emulator.signingKey().getKeyID();
    }

    @AfterEach
    void stop() {
        emulator.close();
    }

    /** One HTTP/1.1 request over a plain socket, so the Host header can be anything. */
    private String raw(String method, String path, String host, String... headers) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), emulator.port())) {
            socket.setSoTimeout(5_000);
            StringBuilder request = new StringBuilder(method + " " + path + " HTTP/1.1\r\nHost: " + host + "\r\n");
            for (String header : headers) {
                request.append(header).append("\r\n");
            }
            request.append("Content-Length: 0\r\nConnection: close\r\n\r\n");
            OutputStream out = socket.getOutputStream();
            out.write(request.toString().getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream response = new ByteArrayOutputStream();
            in.transferTo(response);
            return response.toString(StandardCharsets.UTF_8);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"/emulator/outbox", "/emulator/faults", "/emulator/outbox.html", "/emulator/requests"})
    void aForeignHostIsForbiddenEvenForReads(String path) throws Exception {
        emulator.createUser(EmulatorUser.builder("alice@example.com").build());
        new Flows(emulator, client).magicLinkToken("alice@example.com");

        String response = raw("GET", path, "evil.example");

        assertThat(response).startsWith("HTTP/1.1 403").contains("\"errorCode\":\"E000403\"")
                .doesNotContain("?t=").doesNotContainIgnoringCase("Access-Control-Allow");
    }

    @ParameterizedTest
    @ValueSource(strings = {"evil.example:" + 80, "127.0.0.1.evil.example", "localhost.evil.example:4500",
            "[::2]:4500", "127.0.0.1:abc", "127.0.0.2"})
    void onlyLoopbackHostsAreAccepted(String host) throws Exception {
        assertThat(raw("GET", "/emulator/outbox", host)).startsWith("HTTP/1.1 403");
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "127.0.0.1:4500", "localhost", "LOCALHOST:1", "[::1]", "[::1]:4500"})
    void loopbackHostsWithAnyPortAreAccepted(String host) throws Exception {
        assertThat(raw("GET", "/emulator/outbox", host)).startsWith("HTTP/1.1 200");
    }

    @Test
    void aForeignHostCannotChangeStateEvenWithTheControlHeader() throws Exception {
        String response = raw("POST", "/emulator/keys/rotate", "evil.example", "X-Emulator-Control: 1");

        assertThat(response).startsWith("HTTP/1.1 403");
        assertThat(emulator.signingKey().getKeyID()).isEqualTo(initialKid);
    }

    @Test
    void stateChangingControlCallsNeedTheControlHeader() throws Exception {
        String arm = "{\"path\":\"/v1/auth/magiclink/verify\",\"status\":503}";
        HttpRequest withoutHeader = HttpRequest.newBuilder(URI.create(emulator.baseUrl() + "/emulator/faults"))
                .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString(arm)).build();

        HttpResponse<String> refused = client.sendRaw(withoutHeader);

        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).contains("E000403").contains("X-Emulator-Control: 1");
        assertThat(refused.headers().map().keySet()).noneMatch(name -> name.toLowerCase().startsWith("access-control"));
        assertThat(emulator.faults().active()).isEmpty();
        assertThat(raw("POST", "/emulator/keys/rotate", "127.0.0.1")).startsWith("HTTP/1.1 403");
        assertThat(raw("DELETE", "/emulator/outbox", "localhost")).startsWith("HTTP/1.1 403");
        assertThat(raw("POST", "/emulator/keys/rotate", "127.0.0.1", "X-Emulator-Control: 0"))
                .startsWith("HTTP/1.1 403");
        assertThat(emulator.signingKey().getKeyID()).isEqualTo(initialKid);

        Reply armed = client.post("/emulator/faults", null, arm);

        assertThat(armed.status()).as(armed.body()).isEqualTo(200);
        assertThat(emulator.faults().active()).containsKey("/v1/auth/magiclink/verify");
        assertThat(raw("POST", "/emulator/keys/rotate", "127.0.0.1", "X-Emulator-Control: 1"))
                .startsWith("HTTP/1.1 200");
        assertThat(emulator.signingKey().getKeyID()).isNotEqualTo(initialKid);
    }

    @Test
    void aPreflightGetsNoCorsAllowance() throws Exception {
        String response = raw("OPTIONS", "/emulator/faults", "127.0.0.1", "Origin: http://evil.example",
                "Access-Control-Request-Method: POST", "Access-Control-Request-Headers: x-emulator-control");

        assertThat(response).doesNotContainIgnoringCase("Access-Control-Allow");
        assertThat(response).doesNotStartWith("HTTP/1.1 2");
    }

    @Test
    void controlCallsAreAnsweredWhileALatencyFaultHoldsEveryApiThread() throws Exception {
        String verify = "/v1/auth/magiclink/verify";
        emulator.faults().set(verify, Fault.latency(Duration.ofSeconds(8)));
        List<CompletableFuture<HttpResponse<String>>> blocked = new ArrayList<>();
        for (int i = 0; i < 40; i++) { // more than the 32 API threads
            HttpRequest request = client.request(verify, client.project())
                    .timeout(Duration.ofSeconds(30))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"token\":\"x\"}")).build();
            blocked.add(CompletableFuture.supplyAsync(() -> {
                try {
                    return client.sendRaw(request);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }));
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (emulator.requestCount(verify) < 40 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(emulator.requestCount(verify)).isGreaterThanOrEqualTo(32);

        long started = System.nanoTime();
        Reply listed = client.get("/emulator/faults", null);
        Reply lifted = client.delete("/emulator/faults");
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(listed.status()).isEqualTo(200);
        assertThat(lifted.status()).isEqualTo(200);
        assertThat(took).isLessThan(Duration.ofSeconds(1));
        assertThat(emulator.faults().active()).isEmpty();
        assertThat(blocked).allMatch(call -> !call.isDone() || call.join().statusCode() == 401);
    }
}
