package io.descopefilter.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Wire faults beyond the emulator's reach, served by {@link RawHttpServer}. */
class TransportDeadlineTest {

    private static final String PROJECT_ID = "P2aAc4T2V93bddihGEx2Ryhc8e5Z";

    private static DescopeClient clientFor(RawHttpServer server, Duration callTimeout) {
        return DescopeClient.create(DescopeClientConfig.builder()
                .projectId(PROJECT_ID)
                .baseUrl(server.baseUrl())
                .responseTimeout(Duration.ofSeconds(2))
                .callTimeout(callTimeout)
                .build());
    }

    @Test
    void slowDripBodyIsCutOffByTheWholeCallDeadline_rl06() throws Exception {
        // Every byte arrives well within the 2 s response timeout; only the 1 s call deadline can end this.
        try (RawHttpServer server = RawHttpServer.start(RawHttpServer.slowDrip(10_000, 100));
             DescopeClient client = clientFor(server, Duration.ofSeconds(1))) {
            long start = System.nanoTime();

            DescopeException e = catchThrowableOfType(DescopeException.class, client::fetchKeySetJson);

            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertThat(e.isTimeout()).as(e.getMessage()).isTrue();
            assertThat(took).isLessThan(Duration.ofSeconds(3));
        }
    }

    @Test
    void slowDripOnVerifyIsNotResentAfterTheDeadline_rl03() throws Exception {
        try (RawHttpServer server = RawHttpServer.start(RawHttpServer.slowDrip(10_000, 100));
             DescopeClient client = clientFor(server, Duration.ofSeconds(1))) {

            DescopeException e = catchThrowableOfType(DescopeException.class,
                    () -> client.magicLinkVerify("someLinkToken"));

            assertThat(e.isTimeout()).isTrue();
            assertThat(server.requestCount()).isEqualTo(1);
        }
    }

    @Test
    void bodyWithoutDeclaredLengthBeyondTheCapIsMalformed_rl04() throws Exception {
        try (RawHttpServer server = RawHttpServer.start(RawHttpServer.closeDelimitedBody(4 * 1024 * 1024));
             DescopeClient client = clientFor(server, Duration.ofSeconds(5))) {

            DescopeException e = catchThrowableOfType(DescopeException.class, client::fetchKeySetJson);

            assertThat(e.isMalformedResponse()).as(e.getMessage()).isTrue();
            assertThat(e.getMessage()).contains("larger than 1048576 bytes");
        }
    }
}
