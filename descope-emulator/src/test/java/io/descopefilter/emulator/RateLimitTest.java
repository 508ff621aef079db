package io.descopefilter.emulator;

import static io.descopefilter.emulator.Flows.body;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RateLimitTest {

    private DescopeEmulator emulator;
    private EmulatorClient client;

    private void start(RateLimit limit) {
        emulator = TestEmulators.builder().rateLimit(limit).start();
        client = new EmulatorClient(emulator);
        emulator.createUser(EmulatorUser.builder("alice@example.com").build());
        emulator.createUser(EmulatorUser.builder("bob@example.com").build());
    }

    @AfterEach
    void stop() {
        emulator.close();
    }

    private Reply signIn(String loginId) {
        return client.post("/v1/auth/magiclink/signin/email", client.project(), body("loginId", loginId));
    }

    @Test
    void theLoginIdLimitAnswers429WithRetryAfterAndOtherLoginIdsAreUnaffected() {
        start(RateLimit.perLoginId(3, Duration.ofMinutes(1)));
        for (int i = 0; i < 3; i++) {
            assertThat(signIn("alice@example.com").status()).isEqualTo(200);
        }

        Reply limited = signIn("ALICE@example.com");

        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.errorCode()).isEqualTo("E130429");
        assertThat(Long.parseLong(limited.header("Retry-After"))).isBetween(1L, 60L);
        assertThat(emulator.outbox().messagesTo("alice@example.com")).hasSize(3);
        assertThat(signIn("bob@example.com").status()).isEqualTo(200);
    }

    @Test
    void theLoginIdLimitResetsWhenTheWindowHasPassed() {
        start(RateLimit.perLoginId(1, Duration.ofMinutes(1)));
        signIn("alice@example.com");
        assertThat(signIn("alice@example.com").status()).isEqualTo(429);

        emulator.advanceClock(Duration.ofSeconds(61));

        assertThat(signIn("alice@example.com").status()).isEqualTo(200);
    }

    @Test
    void theClientLimitCoversEveryApiCallButNotTheControlRoutes() {
        start(RateLimit.unlimited().perClient(3, Duration.ofMinutes(1)));
        String keys = "/v2/keys/" + TestEmulators.PROJECT_ID;
        for (int i = 0; i < 3; i++) {
            assertThat(client.get(keys, client.project()).status()).isEqualTo(200);
        }

        Reply limited = signIn("alice@example.com");

        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.header("Retry-After")).isNotNull();
        assertThat(client.get("/emulator/outbox", null).status()).isEqualTo(200);
    }

    @Test
    void theDefaultsAllowAnOrdinaryTestsWorthOfRequests() {
        start(RateLimit.defaults());

        for (int i = 0; i < 20; i++) {
            assertThat(signIn("alice@example.com").status()).isEqualTo(200);
        }
        assertThat(signIn("alice@example.com").status()).isEqualTo(429);
    }
}
