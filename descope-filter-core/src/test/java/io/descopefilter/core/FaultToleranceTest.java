package io.descopefilter.core;

import static io.descopefilter.core.EmulatedProject.ALICE;
import static io.descopefilter.testsupport.Emulators.REDIRECT_URI;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.descopefilter.emulator.DescopeEmulator;
import io.descopefilter.emulator.Fault;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import io.descopefilter.testsupport.Emulators;

/** Checklist RL: the client under each emulator fault: bounded time, the right error kind, no unsafe resend. */
class FaultToleranceTest {

    private static final String VERIFY = "/v1/auth/magiclink/verify";
    private static final String REFRESH = "/v1/auth/refresh";
    private static final String PENDING = "/v1/auth/enchantedlink/pending-session";
    private static final String ME = "/v1/auth/me";
    private static final Duration RESPONSE_TIMEOUT = Duration.ofMillis(500);

    private DescopeEmulator emulator;
    private DescopeClient client;
    /** For what a test prepares and for the tests that are not about time: a busy machine must not fail them. */
    private DescopeClient patient;
    private String keysPath;

    @BeforeEach
    void start() {
        emulator = EmulatedProject.start();
        client = DescopeClient.create(EmulatedProject.configFor(emulator).responseTimeout(RESPONSE_TIMEOUT).build());
        patient = DescopeClient.create(EmulatedProject.configFor(emulator).responseTimeout(Duration.ofSeconds(20))
                .callTimeout(Duration.ofSeconds(30)).build());
        keysPath = "/v2/keys/" + Emulators.PROJECT_ID;
    }

    @AfterEach
    void stop() {
        client.close();
        patient.close();
        emulator.close();
    }

    private static DescopeException failureOf(Executable call) {
        return catchThrowableOfType(DescopeException.class, call::execute);
    }

    private static Duration timed(Runnable action) {
        long start = System.nanoTime();
        action.run();
        return Duration.ofNanos(System.nanoTime() - start);
    }

    private String magicLinkToken() {
        patient.magicLinkSignIn(DeliveryMethod.EMAIL, ALICE, REDIRECT_URI);
        return EmulatedProject.latestToken(emulator, ALICE);
    }

    @Test
    void verifySlowerThanTheResponseTimeoutIsATimeoutWithinBoundedTime_rl01() {
        String token = magicLinkToken();
        emulator.faults().set(VERIFY, Fault.latency(Duration.ofSeconds(5)));

        DescopeException[] failure = new DescopeException[1];
        Duration took = timed(() -> failure[0] = failureOf(() -> client.magicLinkVerify(token)));

        assertThat(failure[0].isTimeout()).as(failure[0].getMessage()).isTrue();
        assertThat(took).isLessThan(RESPONSE_TIMEOUT.multipliedBy(3));
    }

    @Test
    void verifyIsNeverResentAfterAReadTimeout_rl03() {
        String token = magicLinkToken();
        emulator.faults().set(VERIFY, Fault.latency(Duration.ofSeconds(2)).times(1));

        assertThat(failureOf(() -> client.magicLinkVerify(token)).isTimeout()).isTrue();

        assertThat(emulator.requestCount(VERIFY)).isEqualTo(1);
    }

    @Test
    void droppedConnectionIsATransportFailureAndNotResent_rl02() {
        String token = magicLinkToken();
        emulator.faults().set(VERIFY, Fault.dropConnection());

        DescopeException e = failureOf(() -> client.magicLinkVerify(token));

        assertThat(e.isTransport()).as(e.getMessage()).isTrue();
        assertThat(emulator.requestCount(VERIFY)).isEqualTo(1);
    }

    @Test
    void htmlInsteadOfJsonIsMalformedResponse_rl04() {
        String token = magicLinkToken();
        emulator.faults().set(VERIFY, Fault.malformedBody());

        DescopeException e = failureOf(() -> client.magicLinkVerify(token));

        assertThat(e.isMalformedResponse()).as(e.getMessage()).isTrue();
        assertThat(e.status()).isEqualTo(200);
    }

    @Test
    void malformedKeySetIsMalformedResponse_rl04() {
        emulator.faults().set(keysPath, Fault.malformedBody());

        assertThat(failureOf(client::fetchKeySetJson).isMalformedResponse()).isTrue();
    }

    /** A body cut short fails the call in bounded time; whether the peer closes or stalls decides the kind. */
    private static boolean isCutShort(DescopeException e) {
        return e.isMalformedResponse() || e.isTransport() || e.isTimeout();
    }

    @Test
    void truncatedBodyFailsTheCallNeverAHang_rl04() {
        String token = magicLinkToken();
        emulator.faults().set(VERIFY, Fault.truncatedBody());

        DescopeException[] failure = new DescopeException[1];
        Duration took = timed(() -> failure[0] = failureOf(() -> client.magicLinkVerify(token)));

        assertThat(isCutShort(failure[0])).as(failure[0].getMessage()).isTrue();
        assertThat(took).isLessThan(RESPONSE_TIMEOUT.multipliedBy(3));
    }

    @Test
    void truncatedRefreshAnswerIsNotResent_rl04() {
        String refreshJwt = emulator.issueSession(ALICE, Map.of()).refreshJwt();
        emulator.faults().set(REFRESH, Fault.truncatedBody());

        DescopeException e = failureOf(() -> client.refresh(refreshJwt));

        assertThat(isCutShort(e)).as(e.getMessage()).isTrue();
        assertThat(emulator.requestCount(REFRESH)).isEqualTo(1);
    }

    @Test
    void bodyCutShortByAClosedConnectionIsMalformed_rl04() throws Exception {
        String full = "{\"sessionJwt\":\"a.b.c\",\"refreshJwt\":\"d.e.f\"}";
        try (RawHttpServer server = RawHttpServer.start(out -> out.write(("HTTP/1.1 200 OK\r\n"
                + "Content-Type: application/json\r\nContent-Length: " + full.length() + "\r\n\r\n"
                + full.substring(0, full.length() / 2)).getBytes(StandardCharsets.US_ASCII)));
             DescopeClient raw = DescopeClient.create(DescopeClientConfig.builder()
                     .projectId(Emulators.PROJECT_ID).baseUrl(server.baseUrl()).build())) {

            DescopeException e = failureOf(() -> raw.magicLinkVerify("someToken"));

            assertThat(e.isMalformedResponse()).as(e.getMessage()).isTrue();
            assertThat(e.getMessage()).contains("truncated");
            assertThat(server.requestCount()).isEqualTo(1);
        }
    }

    @Test
    void keysAreRetriedOnceAfterA503_rl04() {
        emulator.faults().set(keysPath, Fault.status(503, null).times(1));

        String json = client.fetchKeySetJson();

        assertThat(json).contains("\"keys\"");
        assertThat(emulator.requestCount(keysPath)).isEqualTo(2);
    }

    @Test
    void meIsRetriedAfterA530() {
        String refreshJwt = emulator.issueSession(ALICE, Map.of()).refreshJwt();
        emulator.faults().set(ME, Fault.status(530, null).times(1));

        assertThat(client.me(refreshJwt).email()).isEqualTo(ALICE);
        assertThat(emulator.requestCount(ME)).isEqualTo(2);
    }

    @Test
    void persistent503OnKeysGivesUpAfterABoundedNumberOfAttempts() {
        emulator.faults().set(keysPath, Fault.status(503, null));

        DescopeException e = failureOf(client::fetchKeySetJson);

        assertThat(e.isServerError()).isTrue();
        assertThat(e.status()).isEqualTo(503);
        assertThat(emulator.requestCount(keysPath)).isEqualTo(3);
    }

    @Test
    void retriesStopWhenTheRetryBudgetIsSpent() {
        try (DescopeClient noBudget = DescopeClient.create(EmulatedProject.configFor(emulator)
                .retryBudget(Duration.ZERO).build())) {
            emulator.faults().set(keysPath, Fault.status(503, null));

            assertThat(failureOf(noBudget::fetchKeySetJson).isServerError()).isTrue();
            assertThat(emulator.requestCount(keysPath)).isEqualTo(1);
        }
    }

    @Test
    void verifyIsNeverRetriedAfterServerError_rl03() {
        String token = magicLinkToken();
        emulator.faults().set(VERIFY, Fault.status(503, null).times(1));

        DescopeException e = failureOf(() -> patient.magicLinkVerify(token));

        assertThat(e.isServerError()).isTrue();
        assertThat(emulator.requestCount(VERIFY)).isEqualTo(1);
    }

    @Test
    void refreshAndPollAreNeverRetriedAfterServerError_rl03() {
        String refreshJwt = emulator.issueSession(ALICE, Map.of()).refreshJwt();
        EnchantedLinkResponse sent = patient.enchantedLinkSignIn(ALICE, REDIRECT_URI);
        emulator.faults().set(REFRESH, Fault.status(503, null));
        emulator.faults().set(PENDING, Fault.status(503, null));

        assertThat(failureOf(() -> patient.refresh(refreshJwt)).isServerError()).isTrue();
        assertThat(failureOf(() -> patient.enchantedLinkPendingSession(sent.pendingRef())).isServerError()).isTrue();

        assertThat(emulator.requestCount(REFRESH)).isEqualTo(1);
        assertThat(emulator.requestCount(PENDING)).isEqualTo(1);
    }

    @Test
    void sendIsNeverRetriedAfterServerError() {
        String path = "/v1/auth/magiclink/signin/email";
        emulator.faults().set(path, Fault.status(503, null).times(1));

        assertThat(failureOf(() -> client.magicLinkSignIn(DeliveryMethod.EMAIL, ALICE, REDIRECT_URI))
                .isServerError()).isTrue();
        assertThat(emulator.requestCount(path)).isEqualTo(1);
    }

    @Test
    void rateLimitIsNeverRetried_rl05() {
        emulator.faults().set(keysPath, Fault.status(429, null).times(1));

        DescopeException e = failureOf(client::fetchKeySetJson);

        assertThat(e.isRateLimited()).isTrue();
        assertThat(e.retryAfterSeconds()).hasValue(1);
        assertThat(emulator.requestCount(keysPath)).isEqualTo(1);
    }

    @Test
    void connectionRefusedOnAClosedPortIsATransportFailureQuickly_rl02() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        try (DescopeClient refused = DescopeClient.create(DescopeClientConfig.builder()
                .projectId(Emulators.PROJECT_ID).baseUrl("http://127.0.0.1:" + closedPort).build())) {

            DescopeException[] failure = new DescopeException[1];
            Duration took = timed(() -> failure[0] = failureOf(() -> refused.magicLinkVerify("someToken")));

            assertThat(failure[0].isTransport()).as(failure[0].getMessage()).isTrue();
            assertThat(took).isLessThan(Duration.ofSeconds(3));
        }
    }

    @Test
    void connectFailureIsRetriedEvenForVerifyBecauseNothingWasSent_rl03() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        try (DescopeClient refused = DescopeClient.create(DescopeClientConfig.builder()
                .projectId(Emulators.PROJECT_ID).baseUrl("http://127.0.0.1:" + closedPort).build());
             CapturedLogs logs = new CapturedLogs()) {

            assertThat(failureOf(() -> refused.magicLinkVerify("someToken")).isTransport()).isTrue();

            assertThat(logs.lines()).filteredOn(line -> line.contains("Retrying POST /v1/auth/magiclink/verify"))
                    .hasSize(2)
                    .allMatch(line -> line.contains("connection refused"));
        }
    }

    @Test
    void oversizedBodyIsMalformedResponse() {
        try (DescopeClient tiny = DescopeClient.create(EmulatedProject.configFor(emulator).maxResponseBytes(64)
                .build())) {

            DescopeException e = failureOf(tiny::fetchKeySetJson);

            assertThat(e.isMalformedResponse()).isTrue();
            assertThat(e.getMessage()).contains("larger than 64 bytes");
        }
    }

    @Test
    void latencyBeyondTheWholeCallDeadlineEndsTheCall_rl06() {
        try (DescopeClient shortDeadline = DescopeClient.create(EmulatedProject.configFor(emulator)
                .responseTimeout(Duration.ofSeconds(5)).callTimeout(Duration.ofMillis(700)).build())) {
            emulator.faults().set(keysPath, Fault.latency(Duration.ofSeconds(4)));

            DescopeException[] failure = new DescopeException[1];
            Duration took = timed(() -> failure[0] = failureOf(shortDeadline::fetchKeySetJson));

            assertThat(failure[0].isTimeout()).isTrue();
            assertThat(took).isLessThan(Duration.ofMillis(2100));
        }
    }

    @Test
    void emptySuccessBodyWhereJsonIsRequiredIsMalformed() throws Exception {
        try (RawHttpServer server = RawHttpServer.start(RawHttpServer.json(""));
             DescopeClient raw = DescopeClient.create(DescopeClientConfig.builder()
                     .projectId(Emulators.PROJECT_ID).baseUrl(server.baseUrl()).build())) {

            assertThat(failureOf(() -> raw.magicLinkVerify("someToken")).isMalformedResponse()).isTrue();
            assertThat(failureOf(raw::fetchKeySetJson).isMalformedResponse()).isTrue();
        }
    }

    @Test
    void verifyAnswerWithoutSessionJwtIsMalformed_tx07() throws Exception {
        String noSession = "{\"refreshJwt\":\"a.b.c\",\"user\":{}}";
        try (RawHttpServer server = RawHttpServer.start(RawHttpServer.json(noSession));
             DescopeClient raw = DescopeClient.create(DescopeClientConfig.builder()
                     .projectId(Emulators.PROJECT_ID).baseUrl(server.baseUrl()).build())) {

            DescopeException e = failureOf(() -> raw.magicLinkVerify("someToken"));

            assertThat(e.isMalformedResponse()).isTrue();
            assertThat(e.getMessage()).contains("no sessionJwt");
        }
    }
}
