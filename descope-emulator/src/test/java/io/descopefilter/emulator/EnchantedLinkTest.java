package io.descopefilter.emulator;

import static io.descopefilter.emulator.Flows.body;
import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EnchantedLinkTest {

    private DescopeEmulator emulator;
    private EmulatorClient client;

    @BeforeEach
    void start() {
        emulator = TestEmulators.builder().enchantedPendingTtl(Duration.ofMinutes(5)).start();
        client = new EmulatorClient(emulator);
        emulator.createUser(EmulatorUser.builder("alice@example.com").build());
    }

    @AfterEach
    void stop() {
        emulator.close();
    }

    private JsonObject signIn() {
        Reply reply = client.post("/v1/auth/enchantedlink/signin/email", client.project(),
                body("loginId", "alice@example.com", "URI", "http://localhost:8080/descope/enchanted"));
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.json();
    }

    private Reply verify(String token) {
        return client.post("/v1/auth/enchantedlink/verify", client.project(), body("token", token));
    }

    private Reply poll(String pendingRef) {
        return client.post("/v1/auth/enchantedlink/pending-session", client.project(), body("pendingRef", pendingRef));
    }

    private OutboxLink link(String linkId, boolean matching) {
        return emulator.outbox().latestTo("alice@example.com").orElseThrow().links().stream()
                .filter(link -> link.linkId().equals(linkId) == matching)
                .findFirst().orElseThrow();
    }

    @Test
    void signInAnswersPendingRefLinkIdAndMaskedEmailAndMailsThreeDistinctNumberedLinks() {
        JsonObject response = signIn();

        assertThat(response.getString("pendingRef")).isNotBlank();
        assertThat(response.getString("maskedEmail")).isEqualTo("a***@example.com");
        OutboxMessage message = emulator.outbox().latestTo("alice@example.com").orElseThrow();
        assertThat(message.links()).hasSize(3);
        assertThat(message.links()).extracting(OutboxLink::linkId).doesNotHaveDuplicates()
                .allSatisfy(id -> assertThat(Integer.parseInt(id)).isBetween(10, 99))
                .contains(response.getString("linkId"));
        assertThat(message.links()).extracting(OutboxLink::token).doesNotHaveDuplicates();
        assertThat(message.links())
                .allSatisfy(link -> assertThat(message.body()).contains(link.linkId() + ": " + link.url()));
    }

    @Test
    void onlyTheLinkWithTheShownNumberVerifiesTheOthersFail() {
        JsonObject response = signIn();
        String linkId = response.getString("linkId");

        Reply wrong = verify(link(linkId, false).token());
        Reply right = verify(link(linkId, true).token());

        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.errorCode()).isEqualTo("E063010");
        assertThat(right.status()).isEqualTo(200);
        assertThat(right.body()).isEqualTo("{}");
    }

    @Test
    void aWrongNumberDoesNotCompleteThePendingLogin() {
        JsonObject response = signIn();

        verify(link(response.getString("linkId"), false).token());

        assertThat(poll(response.getString("pendingRef")).errorCode()).isEqualTo("E062503");
    }

    @Test
    void pollIsPendingUntilVerifiedThenAnswersTheSessionOnceThenFails() throws Exception {
        JsonObject response = signIn();
        String pendingRef = response.getString("pendingRef");

        Reply pending = poll(pendingRef);
        assertThat(pending.status()).isEqualTo(401);
        assertThat(pending.errorCode()).isEqualTo("E062503");

        verify(link(response.getString("linkId"), true).token());
        Reply session = poll(pendingRef);
        assertThat(session.status()).isEqualTo(200);
        assertThat(Jwts.claims(client, session.json().getString("sessionJwt")).getStringListClaim("amr"))
                .containsExactly("email");
        assertThat(session.json().getString("refreshJwt")).isNotBlank();

        Reply again = poll(pendingRef);
        assertThat(again.status()).isEqualTo(401);
        assertThat(again.errorCode()).isEqualTo("E063010");
    }

    @Test
    void anExpiredPendingRefAnswersAnErrorOtherThanPending() {
        JsonObject response = signIn();

        emulator.advanceClock(Duration.ofMinutes(5).plusSeconds(1));
        Reply reply = poll(response.getString("pendingRef"));

        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.errorCode()).isEqualTo("E063010");
    }

    @Test
    void verifyingAfterThePendingRefExpiredFails() {
        emulator.close();
        emulator = TestEmulators.builder().enchantedPendingTtl(Duration.ofMinutes(1)).start();
        client = new EmulatorClient(emulator);
        emulator.createUser(EmulatorUser.builder("alice@example.com").build());
        JsonObject response = signIn();

        emulator.advanceClock(Duration.ofMinutes(2));

        assertThat(verify(link(response.getString("linkId"), true).token()).errorCode()).isEqualTo("E063010");
    }

    @Test
    void anUnknownPendingRefAnswersTokenNotFound() {
        assertThat(poll("no-such-ref").errorCode()).isEqualTo("E063010");
    }

    @Test
    void anEnchantedTokenDoesNotVerifyAsAMagicLinkAndStaysUsable() {
        JsonObject response = signIn();
        String token = link(response.getString("linkId"), true).token();

        Reply asMagic = client.post("/v1/auth/magiclink/verify", client.project(), body("token", token));

        assertThat(asMagic.errorCode()).isEqualTo("E063010");
        assertThat(verify(token).status()).isEqualTo(200);
    }

    @Test
    void theCorrectLinkVerifiesOnlyOnce() {
        JsonObject response = signIn();
        String token = link(response.getString("linkId"), true).token();

        assertThat(verify(token).status()).isEqualTo(200);
        assertThat(verify(token).errorCode()).isEqualTo("E063010");
    }

    @Test
    void signUpAndSignUpOrInWorkLikeSignIn() {
        Reply signUp = client.post("/v1/auth/enchantedlink/signup/email", client.project(),
                body("loginId", "bob@example.com", "email", "bob@example.com"));
        Reply existing = client.post("/v1/auth/enchantedlink/signup/email", client.project(),
                body("loginId", "alice@example.com"));
        Reply signUpIn = client.post("/v1/auth/enchantedlink/signup-in/email", client.project(),
                body("loginId", "carol@example.com"));
        Reply unknown = client.post("/v1/auth/enchantedlink/signin/email", client.project(),
                body("loginId", "nobody@example.com"));

        assertThat(signUp.status()).isEqualTo(200);
        assertThat(existing.errorCode()).isEqualTo("E062107");
        assertThat(signUpIn.json().getString("maskedEmail")).isEqualTo("c***@example.com");
        assertThat(unknown.errorCode()).isEqualTo("E062108");
    }

    @Test
    void crossDeviceAndCustomClaimsAreAcceptedAndTheClaimsReachTheSession() throws Exception {
        Reply reply = client.post("/v1/auth/enchantedlink/signin/email", client.project(),
                "{\"loginId\":\"alice@example.com\",\"crossDevice\":true,"
                        + "\"loginOptions\":{\"customClaims\":{\"device\":\"kiosk\"}}}");
        JsonObject response = reply.json();

        verify(link(response.getString("linkId"), true).token());
        String sessionJwt = poll(response.getString("pendingRef")).json().getString("sessionJwt");

        assertThat(Jwts.claims(client, sessionJwt).getStringClaim("device")).isEqualTo("kiosk");
    }
}
