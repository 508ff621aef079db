package io.descopefilter.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class UpdateContactTest {

    private DescopeEmulator emulator;
    private EmulatorClient client;
    private Flows flows;
    private String refreshJwt;

    @BeforeEach
    void start() {
        emulator = TestEmulators.builder().start();
        client = new EmulatorClient(emulator);
        flows = new Flows(emulator, client);
        flows.createUser("alice@example.com");
        refreshJwt = emulator.issueSession("alice@example.com").refreshJwt();
    }

    @AfterEach
    void stop() {
        emulator.close();
    }

    private JsonObject me() {
        return client.get("/v1/auth/me", client.refresh(refreshJwt)).json();
    }

    @Test
    void updateEmailSendsToTheNewAddressAndChangesTheEmailOnVerify() {
        Reply sent = client.post("/v1/auth/magiclink/update/email", client.refresh(refreshJwt),
                "{\"loginId\":\"alice@example.com\",\"email\":\"alice@new.example.com\",\"URI\":\"http://localhost/v\","
                        + "\"crossDevice\":false,\"onMergeUseExisting\":false,\"addToLoginIDs\":false}");
        assertThat(sent.status()).as(sent.body()).isEqualTo(200);
        assertThat(sent.json().getString("maskedEmail")).isEqualTo("a***@new.example.com");
        assertThat(me().getString("email")).isEqualTo("alice@example.com");

        String token = emulator.outbox().latestTo("alice@new.example.com").orElseThrow().firstLink().token();
        Reply verified = flows.verifyMagicLink(token);

        assertThat(verified.status()).isEqualTo(200);
        assertThat(me().getString("email")).isEqualTo("alice@new.example.com");
        assertThat(me().getBoolean("verifiedEmail")).isTrue();
        assertThat(me().getJsonArray("loginIds")).hasSize(1);
    }

    @Test
    void updateEmailWithAddToLoginIdsMakesTheNewEmailALoginId() {
        client.post("/v1/auth/magiclink/update/email", client.refresh(refreshJwt),
                "{\"loginId\":\"alice@example.com\",\"email\":\"alice@new.example.com\",\"addToLoginIDs\":true}");
        flows.verifyMagicLink(emulator.outbox().latestTo("alice@new.example.com").orElseThrow().firstLink().token());

        assertThat(me().getJsonArray("loginIds").getValuesAs(jakarta.json.JsonString::getString))
                .containsExactly("alice@example.com", "alice@new.example.com");
        assertThat(flows.login("alice@new.example.com").status()).isEqualTo(200);
    }

    @Test
    void updatePhoneBySmsAndWhatsappChangesThePhoneOnVerify() {
        Reply sms = client.post("/v1/auth/magiclink/update/phone/sms", client.refresh(refreshJwt),
                "{\"loginId\":\"alice@example.com\",\"phone\":\"+15555550101\"}");
        assertThat(sms.json().getString("maskedPhone")).isEqualTo("+*******0101");
        OutboxMessage message = emulator.outbox().latestTo("+15555550101").orElseThrow();
        assertThat(message.channel()).isEqualTo("sms");
        flows.verifyMagicLink(message.firstLink().token());
        assertThat(me().getString("phone")).isEqualTo("+15555550101");

        client.post("/v1/auth/magiclink/update/phone/whatsapp", client.refresh(refreshJwt),
                "{\"loginId\":\"alice@example.com\",\"phone\":\"+15555550102\"}");
        OutboxMessage whatsapp = emulator.outbox().latestTo("+15555550102").orElseThrow();
        assertThat(whatsapp.channel()).isEqualTo("whatsapp");
        flows.verifyMagicLink(whatsapp.firstLink().token());
        assertThat(me().getString("phone")).isEqualTo("+15555550102");
        assertThat(me().getBoolean("verifiedPhone")).isTrue();
    }

    @Test
    void updatePhoneByVoiceIsRejected() {
        Reply reply = client.post("/v1/auth/magiclink/update/phone/voice", client.refresh(refreshJwt),
                "{\"loginId\":\"alice@example.com\",\"phone\":\"+15555550101\"}");

        assertThat(reply.errorCode()).isEqualTo("E011004");
    }

    @Test
    void enchantedUpdateEmailChangesTheEmailWhenTheRightLinkIsVerified() {
        Reply sent = client.post("/v1/auth/enchantedlink/update/email", client.refresh(refreshJwt),
                "{\"loginId\":\"alice@example.com\",\"email\":\"alice@enchanted.example.com\"}");
        String linkId = sent.json().getString("linkId");
        OutboxLink right = emulator.outbox().latestTo("alice@enchanted.example.com").orElseThrow().links().stream()
                .filter(link -> link.linkId().equals(linkId)).findFirst().orElseThrow();

        client.post("/v1/auth/enchantedlink/verify", client.project(), Flows.body("token", right.token()));
        Reply session = client.post("/v1/auth/enchantedlink/pending-session", client.project(),
                Flows.body("pendingRef", sent.json().getString("pendingRef")));

        assertThat(session.status()).isEqualTo(200);
        assertThat(me().getString("email")).isEqualTo("alice@enchanted.example.com");
    }

    @Test
    void updateNeedsARefreshJwt() {
        Reply reply = client.post("/v1/auth/magiclink/update/email", client.project(),
                "{\"loginId\":\"alice@example.com\",\"email\":\"x@example.com\"}");

        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.errorCode()).isEqualTo("E061004");
    }

    @Test
    void aSessionOfAnotherUserCannotUpdateThisUser() {
        flows.createUser("mallory@example.com");
        String mallory = emulator.issueSession("mallory@example.com").refreshJwt();

        Reply reply = client.post("/v1/auth/magiclink/update/email", client.refresh(mallory),
                "{\"loginId\":\"alice@example.com\",\"email\":\"mallory@evil.example.com\"}");

        assertThat(reply.status()).isEqualTo(401);
        assertThat(emulator.outbox().messagesTo("mallory@evil.example.com")).isEmpty();
    }

    @Test
    void addingALoginIdOfAnotherUserFailsWithUserAlreadyExists() {
        flows.createUser("bob@example.com");

        Reply reply = client.post("/v1/auth/magiclink/update/email", client.refresh(refreshJwt),
                "{\"loginId\":\"alice@example.com\",\"email\":\"bob@example.com\",\"addToLoginIDs\":true}");

        assertThat(reply.errorCode()).isEqualTo("E062107");
    }

    @Test
    void stepUpSignInNeedsARefreshJwtOfTheSameUser() {
        flows.createUser("bob@example.com");
        String bob = emulator.issueSession("bob@example.com").refreshJwt();
        String stepUp = "{\"loginId\":\"alice@example.com\",\"loginOptions\":{\"stepup\":true}}";

        Reply anonymous = client.post("/v1/auth/magiclink/signin/email", client.project(), stepUp);
        Reply otherUser = client.post("/v1/auth/magiclink/signin/email", client.refresh(bob), stepUp);
        Reply sameUser = client.post("/v1/auth/magiclink/signin/email", client.refresh(refreshJwt), stepUp);

        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(otherUser.status()).isEqualTo(401);
        assertThat(sameUser.status()).isEqualTo(200);
        assertThat(emulator.outbox().messagesTo("alice@example.com")).hasSize(1);
    }

    @Test
    void mfaSignInAlsoNeedsARefreshJwt() {
        Reply reply = client.post("/v1/auth/enchantedlink/signin/email", client.project(),
                "{\"loginId\":\"alice@example.com\",\"loginOptions\":{\"mfa\":true}}");

        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.errorCode()).isEqualTo("E061004");
    }
}
