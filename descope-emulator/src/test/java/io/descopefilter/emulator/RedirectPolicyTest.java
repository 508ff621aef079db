package io.descopefilter.emulator;

import static io.descopefilter.emulator.Flows.body;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RedirectPolicyTest {

    private DescopeEmulator emulator;
    private EmulatorClient client;

    private void start(DescopeEmulator.Builder builder) {
        emulator = builder.start();
        client = new EmulatorClient(emulator);
        emulator.createUser(EmulatorUser.builder("alice@example.com").build());
    }

    @AfterEach
    void stop() {
        emulator.close();
    }

    private Reply signInWith(String uri) {
        return client.post("/v1/auth/magiclink/signin/email", client.project(),
                body("loginId", "alice@example.com", "URI", uri));
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://localhost:8080/verify", "https://app.example.com/verify", "https://example.com/v"})
    void approvedHostsAndTheirSubdomainsAreAccepted(String uri) {
        start(TestEmulators.builder().approvedDomains(List.of("localhost", "example.com")));

        assertThat(signInWith(uri).status()).isEqualTo(200);
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://evil.com/verify", "https://example.com.evil.com/v", "https://notexample.com/v",
            "javascript:alert(1)", "ftp://localhost/verify", "//localhost/verify", "https://user@localhost/v",
            "not a uri"})
    void otherHostsSchemesAndMalformedUrisAreRejected(String uri) {
        start(TestEmulators.builder().approvedDomains(List.of("localhost", "example.com")));

        Reply reply = signInWith(uri);

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.errorCode()).isEqualTo("E011004");
        assertThat(emulator.outbox().messages()).isEmpty();
    }

    @Test
    void withoutApprovedDomainsAnyHttpHostIsAccepted() {
        start(TestEmulators.builder().approvedDomains(List.of()));

        assertThat(signInWith("https://anything.test/verify").status()).isEqualTo(200);
        assertThat(signInWith("data:text/html,hi").errorCode()).isEqualTo("E011004");
    }

    @Test
    void withoutUriAndWithoutDefaultTheUriIsRequired() {
        start(TestEmulators.builder().defaultRedirectUrl(null));

        Reply reply = client.post("/v1/auth/magiclink/signin/email", client.project(),
                body("loginId", "alice@example.com"));

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.errorCode()).isEqualTo("E011003");
    }
}
