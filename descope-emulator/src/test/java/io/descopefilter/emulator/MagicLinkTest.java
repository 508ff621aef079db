package io.descopefilter.emulator;

import static io.descopefilter.emulator.Flows.body;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.JWTClaimsSet;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MagicLinkTest {

    private DescopeEmulator emulator;
    private EmulatorClient client;
    private Flows flows;

    @BeforeEach
    void start() {
        emulator = TestEmulators.builder().start();
        client = new EmulatorClient(emulator);
        flows = new Flows(emulator, client);
    }

    @AfterEach
    void stop() {
        emulator.close();
    }

    @Test
    void signInSendsALinkToTheRedirectUriAndAnswersTheMaskedEmail() {
        flows.createUser("alice@example.com");

        Reply reply = client.post("/v1/auth/magiclink/signin/email", client.project(),
                body("loginId", "alice@example.com", "URI", "http://localhost:8080/verify"));

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().getString("maskedEmail")).isEqualTo("a***@example.com");
        OutboxMessage message = emulator.outbox().latestTo("alice@example.com").orElseThrow();
        assertThat(message.channel()).isEqualTo("email");
        assertThat(message.firstLink().url()).startsWith("http://localhost:8080/verify?t=");
        assertThat(message.body()).contains(message.firstLink().url());
        assertThat(message.firstLink().token()).matches("[A-Za-z0-9_-]{43}");
    }

    @Test
    void verifyReturnsAJwtResponseWithAVerifiedSessionForTheUser() throws Exception {
        String userId = flows.createUser("alice@example.com");

        JsonObject response = flows.login("alice@example.com").json();

        assertThat(response.getString("cookiePath")).isEqualTo("/");
        assertThat(response.getString("cookieDomain")).isEmpty();
        assertThat(response.getBoolean("firstSeen")).isTrue();
        assertThat(response.getJsonObject("user").getString("userId")).isEqualTo(userId);
        JWTClaimsSet session = Jwts.claims(client, response.getString("sessionJwt"));
        assertThat(session.getSubject()).isEqualTo(userId);
        assertThat(session.getStringClaim("drn")).isEqualTo("DS");
        assertThat(session.getStringListClaim("amr")).containsExactly("email");
        JWTClaimsSet refresh = Jwts.claims(client, response.getString("refreshJwt"));
        assertThat(refresh.getStringClaim("drn")).isEqualTo("DSR");
        assertThat(flows.login("alice@example.com").json().getBoolean("firstSeen")).isFalse();
    }

    @Test
    void aMagicLinkTokenVerifiesOnlyOnce() {
        flows.createUser("alice@example.com");
        String token = flows.magicLinkToken("alice@example.com");

        assertThat(flows.verifyMagicLink(token).status()).isEqualTo(200);
        Reply second = flows.verifyMagicLink(token);

        assertThat(second.status()).isEqualTo(401);
        assertThat(second.errorCode()).isEqualTo("E063010");
    }

    @Test
    void twentyConcurrentVerifiesOfOneTokenYieldExactlyOneSession() throws Exception {
        flows.createUser("alice@example.com");
        String token = flows.magicLinkToken("alice@example.com");
        ExecutorService pool = Executors.newFixedThreadPool(20);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                Callable<Integer> verify = () -> {
                    go.await();
                    return flows.verifyMagicLink(token).status();
                };
                results.add(pool.submit(verify));
            }
            go.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> result : results) {
                statuses.add(result.get());
            }
            assertThat(statuses).filteredOn(status -> status == 200).hasSize(1);
            assertThat(statuses).filteredOn(status -> status == 401).hasSize(19);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aLinkExpiresAfterTheLinkTtl() {
        flows.createUser("alice@example.com");
        String token = flows.magicLinkToken("alice@example.com");

        emulator.advanceClock(Duration.ofMinutes(10).plusSeconds(1));
        Reply reply = flows.verifyMagicLink(token);

        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.errorCode()).isEqualTo("E062504");
    }

    @Test
    void aLinkStillVerifiesJustBeforeItsTtl() {
        flows.createUser("alice@example.com");
        String token = flows.magicLinkToken("alice@example.com");

        emulator.advanceClock(Duration.ofMinutes(9));

        assertThat(flows.verifyMagicLink(token).status()).isEqualTo(200);
    }

    @Test
    void anUnknownTokenIsRejectedWithTokenNotFound() {
        Reply reply = flows.verifyMagicLink("bm90LWEtcmVhbC10b2tlbg");

        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.errorCode()).isEqualTo("E063010");
    }

    @Test
    void signInOfAnUnknownUserFailsWithUserNotFound() {
        Reply reply = client.post("/v1/auth/magiclink/signin/email", client.project(),
                body("loginId", "nobody@example.com"));

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.errorCode()).isEqualTo("E062108");
        assertThat(reply.json().getString("errorDescription")).isNotBlank();
        assertThat(reply.json().getString("errorMessage")).isNotBlank();
        assertThat(emulator.outbox().messages()).isEmpty();
    }

    @Test
    void signUpOfAnExistingUserFailsWithUserAlreadyExists() {
        flows.createUser("alice@example.com");

        Reply reply = client.post("/v1/auth/magiclink/signup/email", client.project(),
                body("loginId", "ALICE@example.com", "email", "alice@example.com"));

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.errorCode()).isEqualTo("E062107");
    }

    @Test
    void signUpCreatesTheUserWithItsDetailsAndVerifyMarksTheEmailVerified() {
        Reply sent = client.post("/v1/auth/magiclink/signup/email", client.project(),
                "{\"loginId\":\"bob@example.com\",\"email\":\"bob@example.com\",\"URI\":\"http://localhost/v\","
                        + "\"user\":{\"name\":\"Bob\",\"email\":\"bob@example.com\"}}");
        assertThat(sent.status()).as(sent.body()).isEqualTo(200);

        String token = emulator.outbox().latestTo("bob@example.com").orElseThrow().firstLink().token();
        JsonObject user = flows.verifyMagicLink(token).json().getJsonObject("user");

        assertThat(user.getString("userId")).matches("U2[0-9A-Za-z]{26}");
        assertThat(user.getString("name")).isEqualTo("Bob");
        assertThat(user.getBoolean("verifiedEmail")).isTrue();
        assertThat(user.getString("status")).isEqualTo("enabled");
        assertThat(user.getJsonArray("loginIds").getString(0)).isEqualTo("bob@example.com");
    }

    @Test
    void signUpOrInCreatesOnFirstUseAndSignsInAfterwards() {
        String path = "/v1/auth/magiclink/signup-in/email";

        assertThat(client.post(path, client.project(), body("loginId", "carol@example.com")).status()).isEqualTo(200);
        assertThat(client.post(path, client.project(), body("loginId", "carol@example.com")).status()).isEqualTo(200);

        assertThat(emulator.outbox().messagesTo("carol@example.com")).hasSize(2);
    }

    @ParameterizedTest
    @ValueSource(strings = {"sms", "whatsapp", "voice"})
    void phoneChannelsDeliverToThePhoneAndAnswerTheMaskedPhone(String channel) throws Exception {
        Reply sent = client.post("/v1/auth/magiclink/signup-in/" + channel, client.project(),
                body("loginId", "+15555550100"));

        assertThat(sent.status()).as(sent.body()).isEqualTo(200);
        assertThat(sent.json().getString("maskedPhone")).isEqualTo("+*******0100");
        OutboxMessage message = emulator.outbox().latestTo("+15555550100").orElseThrow();
        assertThat(message.channel()).isEqualTo(channel);
        JsonObject session = flows.verifyMagicLink(message.firstLink().token()).json();
        assertThat(Jwts.claims(client, session.getString("sessionJwt")).getStringListClaim("amr"))
                .containsExactly(channel);
        assertThat(session.getJsonObject("user").getBoolean("verifiedPhone")).isTrue();
    }

    @Test
    void anUnknownDeliveryMethodIsABadRequest() {
        Reply reply = client.post("/v1/auth/magiclink/signin/pigeon", client.project(),
                body("loginId", "a@example.com"));

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.errorCode()).isEqualTo("E011004");
    }

    @Test
    void theRedirectUrlFieldNameIsAcceptedLikeUri() {
        flows.createUser("alice@example.com");

        client.post("/v1/auth/magiclink/signin/email", client.project(),
                body("loginId", "alice@example.com", "redirectUrl", "http://127.0.0.1:9000/cb"));

        assertThat(emulator.outbox().latestTo("alice@example.com").orElseThrow().firstLink().url())
                .startsWith("http://127.0.0.1:9000/cb?t=");
    }

    @Test
    void withoutAUriTheDefaultRedirectUrlIsUsed() {
        flows.createUser("alice@example.com");

        client.post("/v1/auth/magiclink/signin/email", client.project(), body("loginId", "alice@example.com"));

        assertThat(emulator.outbox().latestTo("alice@example.com").orElseThrow().firstLink().url())
                .startsWith(TestEmulators.REDIRECT + "?t=");
    }

    @Test
    void aUriWithAQueryGetsTheTokenAppendedWithAmpersand() {
        flows.createUser("alice@example.com");

        client.post("/v1/auth/magiclink/signin/email", client.project(),
                body("loginId", "alice@example.com", "URI", "http://localhost/verify?returnTo=%2Fapp"));

        assertThat(emulator.outbox().latestTo("alice@example.com").orElseThrow().firstLink().url())
                .startsWith("http://localhost/verify?returnTo=%2Fapp&t=");
    }

    @Test
    void explicitNullsAndUnknownFieldsAreAccepted() {
        flows.createUser("alice@example.com");

        Reply reply = client.post("/v1/auth/magiclink/signin/email", client.project(),
                "{\"loginId\":\"alice@example.com\",\"URI\":null,\"crossDevice\":false,\"providerId\":\"x\","
                        + "\"loginOptions\":{\"stepup\":false,\"mfa\":false,\"customClaims\":null,"
                        + "\"templateOptions\":{\"a\":\"b\"},\"revokeOtherSessions\":false,\"jwtrequired\":false}}");

        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    }

    @Test
    void aMissingLoginIdIsRequestInvalid() {
        Reply reply = client.post("/v1/auth/magiclink/signin/email", client.project(), null);

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.errorCode()).isEqualTo("E011003");
    }

    @Test
    void malformedJsonIsABadRequest() {
        Reply reply = client.post("/v1/auth/magiclink/signin/email", client.project(), "{\"loginId\":");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.errorCode()).isEqualTo("E011001");
    }

    @Test
    void aFieldOfTheWrongTypeIsAnInvalidArgument() {
        Reply reply = client.post("/v1/auth/magiclink/signin/email", client.project(), "{\"loginId\":42}");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.errorCode()).isEqualTo("E011004");
    }

    @Test
    void loginOptionsCustomClaimsAndTenantLandInTheSessionJwt() throws Exception {
        emulator.createUser(EmulatorUser.builder("alice@example.com")
                .tenant("t1", List.of("editor"), List.of("docs.write")).build());

        client.post("/v1/auth/magiclink/signin/email", client.project(),
                "{\"loginId\":\"alice@example.com\",\"loginOptions\":{\"customClaims\":{\"plan\":\"gold\",\"n\":3,"
                        + "\"iss\":\"evil\"},\"tenantId\":\"t1\"}}");
        String token = emulator.outbox().latestTo("alice@example.com").orElseThrow().firstLink().token();
        JWTClaimsSet claims = Jwts.claims(client, flows.verifyMagicLink(token).json().getString("sessionJwt"));

        assertThat(claims.getStringClaim("plan")).isEqualTo("gold");
        assertThat(claims.getLongClaim("n")).isEqualTo(3L);
        assertThat(claims.getIssuer()).isEqualTo(TestEmulators.PROJECT_ID);
        assertThat(claims.getStringClaim("dct")).isEqualTo("t1");
    }

    @Test
    void aTenantTheUserDoesNotBelongToIsRejected() {
        flows.createUser("alice@example.com");

        Reply reply = client.post("/v1/auth/magiclink/signin/email", client.project(),
                "{\"loginId\":\"alice@example.com\",\"loginOptions\":{\"tenantId\":\"other\"}}");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.errorCode()).isEqualTo("E011004");
    }
}
