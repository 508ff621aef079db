package io.descopefilter.core;

import static io.descopefilter.core.EmulatedProject.ALICE;
import static io.descopefilter.testsupport.Emulators.REDIRECT_URI;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.descopefilter.emulator.DescopeEmulator;
import io.descopefilter.emulator.EmulatorTokens;
import io.descopefilter.emulator.Fault;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import io.descopefilter.testsupport.Emulators;

/** Checklist LH-08: no token, JWT or key in exception messages, stack traces, toString() or logs. */
class SecretHygieneTest {

    private DescopeEmulator emulator;
    private DescopeClient client;
    private EmulatorTokens tokens;

    @BeforeEach
    void start() {
        emulator = EmulatedProject.start();
        // generous: only the timeout case below needs a short limit, and a busy machine must not fail the others
        client = DescopeClient.create(EmulatedProject.configFor(emulator).responseTimeout(Duration.ofSeconds(20))
                .callTimeout(Duration.ofSeconds(30)).build());
        tokens = emulator.issueSession(ALICE, Map.of());
    }

    @AfterEach
    void stop() {
        client.close();
        emulator.close();
    }

    /** The whole printed stack trace, causes included: what a careless logger would write. */
    private static String printed(Throwable failure) {
        StringWriter out = new StringWriter();
        failure.printStackTrace(new PrintWriter(out));
        return out + failure.toString();
    }

    private String linkToken() {
        client.magicLinkSignIn(DeliveryMethod.EMAIL, ALICE, REDIRECT_URI);
        return EmulatedProject.latestToken(emulator, ALICE);
    }

    @Test
    void lh08_usedTokenErrorNeverContainsTheToken() {
        String token = linkToken();
        client.magicLinkVerify(token);

        DescopeException e = catchThrowableOfType(DescopeException.class, () -> client.magicLinkVerify(token));

        assertThat(e.isTokenExpiredOrUsed()).isTrue();
        assertThat(printed(e)).doesNotContain(token);
    }

    @Test
    void lh08_revokedRefreshErrorNeverContainsTheJwts() {
        client.logout(tokens.refreshJwt());

        DescopeException e = catchThrowableOfType(DescopeException.class, () -> client.refresh(tokens.refreshJwt()));

        assertThat(e.isUnauthorized()).isTrue();
        assertThat(printed(e)).doesNotContain(tokens.refreshJwt()).doesNotContain(tokens.sessionJwt());
    }

    @Test
    void lh08_wrongManagementKeyErrorNeverContainsTheKey() {
        String wrongKey = "K2wrongKeyThatMustNotLeak0123456789";
        try (DescopeClient wrong = DescopeClient.create(EmulatedProject.configFor(emulator).managementKey(wrongKey)
                .build())) {

            DescopeException e = catchThrowableOfType(DescopeException.class,
                    () -> wrong.createUser(UserCreateRequest.builder("z@example.com").build()));

            assertThat(e.isUnauthorized()).isTrue();
            assertThat(printed(e)).doesNotContain(wrongKey).doesNotContain(Emulators.MANAGEMENT_KEY);
            assertThat(wrong.config().toString()).doesNotContain(wrongKey);
        }
    }

    @Test
    void lh08_timeoutTransportAndMalformedErrorsNeverContainTheJwt() {
        emulator.faults().set("/v1/auth/refresh", Fault.latency(Duration.ofSeconds(2)).times(1));
        Throwable timeout;
        try (DescopeClient impatient = DescopeClient.create(EmulatedProject.configFor(emulator)
                .responseTimeout(Duration.ofMillis(300)).build())) {
            timeout = catchThrowable(() -> impatient.refresh(tokens.refreshJwt()));
        }
        emulator.faults().set("/v1/auth/refresh", Fault.dropConnection().times(1));
        Throwable dropped = catchThrowable(() -> client.refresh(tokens.refreshJwt()));
        emulator.faults().set("/v1/auth/me", Fault.malformedBody().times(1));
        Throwable malformed = catchThrowable(() -> client.me(tokens.refreshJwt()));

        assertThat(List.of(timeout, dropped, malformed)).allSatisfy(failure -> {
            assertThat(failure).isInstanceOf(DescopeException.class);
            assertThat(printed(failure)).doesNotContain(tokens.refreshJwt());
        });
    }

    @Test
    void lh08_verifiedSessionAndPendingRefToStringNeverShowSecrets() {
        JwtResponse session = client.magicLinkVerify(linkToken());
        EnchantedLinkResponse sent = client.enchantedLinkSignIn(ALICE, REDIRECT_URI);

        assertThat(session.toString()).doesNotContain(session.sessionJwt()).doesNotContain(session.refreshJwt());
        assertThat(sent.toString()).doesNotContain(sent.pendingRef());
    }

    @Test
    void lh08_invalidInputMessagesNeverEchoTheSecret() {
        String almostJwt = tokens.refreshJwt() + "\r\n";

        Throwable e = catchThrowable(() -> client.refresh(almostJwt));

        assertThat(e).isInstanceOf(IllegalArgumentException.class);
        assertThat(printed(e)).doesNotContain(tokens.refreshJwt());
    }

    @Test
    void lh08_logsNeverContainSecretsEvenWhenRetrying() {
        List<String> lines;
        try (CapturedLogs logs = new CapturedLogs()) {
            emulator.faults().set("/v1/auth/me", Fault.status(503, null).times(1));
            client.me(tokens.refreshJwt());
            emulator.faults().set("/v1/auth/refresh", Fault.status(503, null).times(1));
            catchThrowable(() -> client.refresh(tokens.refreshJwt()));
            client.generateEmbeddedLink(ALICE, null, 0);
            lines = logs.lines();
        }

        assertThat(lines).as("the retry of /v1/auth/me is logged").anyMatch(line -> line.contains("/v1/auth/me"));
        assertThat(lines).allSatisfy(line -> assertThat(line)
                .doesNotContain(tokens.refreshJwt())
                .doesNotContain(Emulators.MANAGEMENT_KEY));
    }
}
