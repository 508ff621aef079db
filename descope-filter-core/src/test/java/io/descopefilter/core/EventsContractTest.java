package io.descopefilter.core;

import com.nimbusds.jose.jwk.RSAKey;
import io.descopefilter.emulator.DescopeEmulator;
import io.descopefilter.emulator.Fault;
import io.descopefilter.testsupport.Emulators;
import io.descopefilter.testsupport.TestClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import static io.descopefilter.core.TestTokens.PROJECT_ID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What the client and the validator report to a listener, against the emulator. */
class EventsContractTest {

    private static final String KEYS_PATH = "/v2/keys/" + PROJECT_ID;

    private final TestClock clock = TestClock.startingNow();
    private final DescopeEmulator emu = Emulators.start();
    private final List<DescopeEvent> seen = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        emu.close();
    }

    private <T extends DescopeEvent> List<T> seen(Class<T> type) {
        return seen.stream().filter(type::isInstance).map(type::cast).toList();
    }

    @Test
    void everyCallIsReportedWithItsKindOutcomeAndStatus() {
        try (DescopeClient client = DescopeClient.create(DescopeClientConfig.builder().projectId(PROJECT_ID)
                .baseUrl(emu.baseUrl()).build(), seen::add)) {
            client.fetchKeySetJson();
            assertThatThrownBy(() -> client.magicLinkVerify("not-a-real-token")).isInstanceOf(DescopeException.class);
        }

        assertThat(seen(DescopeEvent.DescopeCall.class))
                .extracting(DescopeEvent.DescopeCall::kind, DescopeEvent.DescopeCall::outcome)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(CallKind.KEYS, DescopeEvent.CallOutcome.OK),
                        org.assertj.core.groups.Tuple.tuple(CallKind.VERIFY, DescopeEvent.CallOutcome.REFUSED));
        assertThat(seen(DescopeEvent.DescopeCall.class).get(0).status()).isEqualTo(200);
        assertThat(seen(DescopeEvent.DescopeCall.class).get(1).status()).isBetween(400, 499);
    }

    @Test
    void theBreakerReportsOpeningAndClosingAndRefusedCallsAreNotSent() throws Exception {
        CallProtection protection = new CallProtection(Map.of(), 1, Duration.ofSeconds(1));
        try (DescopeClient client = DescopeClient.create(DescopeClientConfig.builder().projectId(PROJECT_ID)
                .baseUrl(emu.baseUrl()).retryBudget(Duration.ZERO).protection(protection).build(), seen::add)) {
            emu.faults().set(KEYS_PATH, Fault.status(500, null));
            assertThatThrownBy(client::fetchKeySetJson).isInstanceOf(DescopeException.class);
            assertThat(client.isCircuitOpen()).isTrue();
            assertThatThrownBy(client::fetchKeySetJson).isInstanceOf(DescopeException.class);
            emu.faults().clear();
            boolean closed = false;
            for (int attempt = 0; attempt < 500 && !closed; attempt++) {
                Thread.sleep(10);
                try {
                    client.fetchKeySetJson();
                    closed = true;
                } catch (DescopeException stillOpen) {
                    // the wait is not over yet
                }
            }
            assertThat(closed).isTrue();
            assertThat(client.isCircuitOpen()).isFalse();
        }

        assertThat(seen(DescopeEvent.BreakerOpened.class)).singleElement()
                .extracting(DescopeEvent.BreakerOpened::openFor).isEqualTo(Duration.ofSeconds(1));
        assertThat(seen(DescopeEvent.BreakerClosed.class)).hasSize(1);
        assertThat(seen(DescopeEvent.DescopeCall.class)).extracting(DescopeEvent.DescopeCall::outcome)
                .startsWith(DescopeEvent.CallOutcome.FAILED, DescopeEvent.CallOutcome.NOT_SENT)
                .endsWith(DescopeEvent.CallOutcome.OK);
    }

    @Test
    void keyFetchesFailuresAndRotationsAreReported() {
        try (DescopeClient client = DescopeClient.create(DescopeClientConfig.builder().projectId(PROJECT_ID)
                .baseUrl(emu.baseUrl()).retryBudget(Duration.ZERO).build())) {
            SessionValidator validator = SessionValidator.create(SessionValidatorConfig.builder(PROJECT_ID)
                    .clock(clock).keyFetchExecutor(Runnable::run).build(), client::fetchKeySetJson, seen::add);
            emu.faults().set(KEYS_PATH, Fault.status(503, null).times(1));
            assertThat(validator.keysReady()).isFalse();
            clock.advance(Duration.ofMinutes(1));
            assertThat(validator.keysReady()).isTrue();
            assertThat(validator.validateSession(tokenSignedBy(emu.signingKey())).isValid()).isTrue();
            emu.rotateKeys();
            clock.advance(Duration.ofMinutes(1));
            assertThat(validator.validateSession(tokenSignedBy(emu.signingKey())).isValid()).isTrue();
        }

        assertThat(seen(DescopeEvent.KeysFetchFailed.class)).singleElement().satisfies(failed -> {
            assertThat(failed.keysHeld()).isFalse();
            assertThat(failed.error()).isEqualTo("DescopeException");
        });
        assertThat(seen(DescopeEvent.KeysFetched.class)).hasSize(2);
        assertThat(seen(DescopeEvent.KeysRotated.class)).singleElement().satisfies(rotated -> {
            assertThat(rotated.added()).isEqualTo(1);
            assertThat(rotated.removed()).isZero();
        });
    }

    private String tokenSignedBy(RSAKey key) {
        return TestTokens.session(key, clock.instant()).claim("exp", clock.instant().plus(Duration.ofDays(1))
                .getEpochSecond()).claim("jti", UUID.randomUUID().toString()).signedWith(key);
    }
}
