package io.descopefilter.core;

import static io.descopefilter.core.EmulatedProject.ALICE;
import static io.descopefilter.core.EmulatedProject.PHONE_USER;
import static io.descopefilter.testsupport.Emulators.REDIRECT_URI;
import static io.descopefilter.core.EmulatedProject.latestToken;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.nimbusds.jwt.SignedJWT;
import io.descopefilter.emulator.DescopeEmulator;
import io.descopefilter.emulator.OutboxMessage;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.AfterEach;
import io.descopefilter.testsupport.Emulators;

/** Contract §2 against the emulator: every magic link call, its success and its documented errors. */
class MagicLinkContractTest {

    private final DescopeEmulator emulator = EmulatedProject.start();
    private final DescopeClient client = EmulatedProject.clientFor(emulator);

    @AfterEach
    void stopEmulatorAndClient() {
        client.close();
        emulator.close();
    }

    @Test
    void emailSignInSendsALinkWhoseTokenVerifiesToASession() throws Exception {
        LinkSent sent = client.magicLinkSignIn(DeliveryMethod.EMAIL, ALICE, REDIRECT_URI);

        OutboxMessage message = emulator.outbox().latestTo(ALICE).orElseThrow();
        assertThat(sent.maskedEmail()).isNotBlank().doesNotContain("alice@");
        assertThat(message.channel()).isEqualTo("email");
        assertThat(message.firstLink().url()).startsWith(REDIRECT_URI + "?t=");

        JwtResponse session = client.magicLinkVerify(message.firstLink().token());

        assertThat(session.sessionJwt()).isNotBlank();
        assertThat(session.refreshJwt()).isNotBlank();
        assertThat(session.user().email()).isEqualTo(ALICE);
        assertThat(session.user().loginIds()).contains(ALICE);
        assertThat(SignedJWT.parse(session.sessionJwt()).getJWTClaimsSet().getIssuer()).contains(
                Emulators.PROJECT_ID);
    }

    @ParameterizedTest
    @EnumSource(value = DeliveryMethod.class, names = {"SMS", "WHATSAPP", "VOICE"})
    void phoneSignInDeliversOnTheChosenChannel(DeliveryMethod method) {
        LinkSent sent = client.magicLinkSignIn(method, PHONE_USER, REDIRECT_URI);

        OutboxMessage message = emulator.outbox().latestTo(PHONE_USER).orElseThrow();
        assertThat(sent.maskedPhone()).isNotBlank().isNotEqualTo(PHONE_USER);
        assertThat(sent.maskedAddress()).isEqualTo(sent.maskedPhone());
        assertThat(message.channel()).isEqualTo(method.pathSegment());
        assertThat(client.magicLinkVerify(message.firstLink().token()).sessionJwt()).isNotBlank();
    }

    @Test
    void smsSignInByEmailLoginIdDeliversToThePhoneOnFile() {
        LinkSent sent = client.magicLinkSignIn(DeliveryMethod.SMS, ALICE, REDIRECT_URI);

        OutboxMessage message = emulator.outbox().latestTo(EmulatedProject.ALICE_PHONE).orElseThrow();
        assertThat(sent.maskedPhone()).isNotBlank().isNotEqualTo(EmulatedProject.ALICE_PHONE);
        assertThat(message.channel()).isEqualTo("sms");
        assertThat(client.magicLinkVerify(message.firstLink().token()).user().email()).isEqualTo(ALICE);
    }

    @Test
    void signInWithoutRedirectUriUsesTheProjectDefault() {
        client.magicLinkSignIn(DeliveryMethod.EMAIL, ALICE, null);

        assertThat(emulator.outbox().latestTo(ALICE).orElseThrow().firstLink().url()).startsWith(REDIRECT_URI);
    }

    @Test
    void signInOfUnknownUserIsUserNotFound() {
        DescopeException e = catchThrowableOfType(DescopeException.class,
                () -> client.magicLinkSignIn(DeliveryMethod.EMAIL, "nobody@example.com", REDIRECT_URI));

        assertThat(e.isUserNotFound()).isTrue();
        assertThat(e.status()).isEqualTo(400);
        assertThat(e.errorCode()).isEqualTo("E062108");
        assertThat(emulator.outbox().messages()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(DeliveryMethod.class)
    void signUpCreatesTheUserAndItsLinkSignsIn(DeliveryMethod method) {
        String loginId = method == DeliveryMethod.EMAIL ? "bob@example.com" : "+15555550199";

        client.magicLinkSignUp(method, loginId, REDIRECT_URI, SignUpUser.named("Bob"));
        JwtResponse session = client.magicLinkVerify(latestToken(emulator, loginId));

        assertThat(session.user().loginIds()).containsExactly(loginId);
        assertThat(session.user().name()).isEqualTo("Bob");
        assertThat(method == DeliveryMethod.EMAIL ? session.user().email() : session.user().phone())
                .isEqualTo(loginId);
    }

    @Test
    void signUpOfExistingUserIsUserAlreadyExists() {
        DescopeException e = catchThrowableOfType(DescopeException.class,
                () -> client.magicLinkSignUp(DeliveryMethod.EMAIL, ALICE, REDIRECT_URI, null));

        assertThat(e.isUserAlreadyExists()).isTrue();
        assertThat(e.errorCode()).isEqualTo("E062107");
    }

    @Test
    void signUpOrInSignsInExistingUsersAndSignsUpNewOnes() {
        client.magicLinkSignUpOrIn(DeliveryMethod.EMAIL, ALICE, REDIRECT_URI);
        client.magicLinkSignUpOrIn(DeliveryMethod.EMAIL, "carol@example.com", REDIRECT_URI);

        JwtResponse alice = client.magicLinkVerify(latestToken(emulator, ALICE));
        JwtResponse carol = client.magicLinkVerify(latestToken(emulator, "carol@example.com"));
        assertThat(alice.user().name()).isEqualTo("Alice");
        assertThat(carol.firstSeen()).isTrue();
        assertThat(carol.user().email()).isEqualTo("carol@example.com");
    }

    @Test
    void loginOptionsCustomClaimsReachTheSessionJwt() throws Exception {
        LoginOptions options = LoginOptions.builder()
                .customClaims(Map.of("plan", "gold", "seats", 3, "beta", true))
                .templateOptions(Map.of("greeting", "Hi"))
                .locale("en")
                .build();

        client.magicLinkSignIn(DeliveryMethod.EMAIL, ALICE, REDIRECT_URI, options, null);
        JwtResponse session = client.magicLinkVerify(latestToken(emulator, ALICE));

        Map<String, Object> claims = SignedJWT.parse(session.sessionJwt()).getJWTClaimsSet().getClaims();
        assertThat(claims).containsEntry("plan", "gold").containsEntry("beta", true);
        assertThat(((Number) claims.get("seats")).intValue()).isEqualTo(3);
    }

    @Test
    void stepupSignInSendsTheRefreshJwtAndSucceeds() {
        String refreshJwt = emulator.issueSession(ALICE, Map.of()).refreshJwt();

        client.magicLinkSignIn(DeliveryMethod.EMAIL, ALICE, REDIRECT_URI,
                LoginOptions.builder().stepup(true).build(), refreshJwt);

        assertThat(client.magicLinkVerify(latestToken(emulator, ALICE)).sessionJwt()).isNotBlank();
    }

    @Test
    void stepupSignInWithAnotherUsersRefreshJwtIsUnauthorized() {
        client.magicLinkSignUp(DeliveryMethod.EMAIL, "mallory@example.com", REDIRECT_URI, null);
        String mallorys = client.magicLinkVerify(latestToken(emulator, "mallory@example.com")).refreshJwt();

        DescopeException e = catchThrowableOfType(DescopeException.class, () -> client.magicLinkSignIn(
                DeliveryMethod.EMAIL, ALICE, REDIRECT_URI, LoginOptions.builder().mfa(true).build(), mallorys));

        assertThat(e.isUnauthorized()).isTrue();
    }

    @Test
    void usedTokenIsTokenExpiredOrUsed_tx01() {
        client.magicLinkSignIn(DeliveryMethod.EMAIL, ALICE, REDIRECT_URI);
        String token = latestToken(emulator, ALICE);
        client.magicLinkVerify(token);

        DescopeException e = catchThrowableOfType(DescopeException.class, () -> client.magicLinkVerify(token));

        assertThat(e.isTokenExpiredOrUsed()).isTrue();
    }

    @Test
    void expiredTokenIsTokenExpiredOrUsed_tx03() {
        client.magicLinkSignIn(DeliveryMethod.EMAIL, ALICE, REDIRECT_URI);
        String token = latestToken(emulator, ALICE);
        emulator.advanceClock(Emulators.LINK_TTL.plus(Duration.ofSeconds(1)));

        DescopeException e = catchThrowableOfType(DescopeException.class, () -> client.magicLinkVerify(token));

        assertThat(e.isTokenExpiredOrUsed()).isTrue();
    }

    @Test
    void unknownTokenIsTokenExpiredOrUsed() {
        DescopeException e = catchThrowableOfType(DescopeException.class,
                () -> client.magicLinkVerify("0123456789abcdef0123456789abcdef"));

        assertThat(e.isTokenExpiredOrUsed()).isTrue();
    }

    @Test
    void updateEmailSendsALinkToTheNewAddressThatChangesTheEmail() {
        String refreshJwt = emulator.issueSession(ALICE, Map.of()).refreshJwt();

        LinkSent sent = client.magicLinkUpdateEmail(refreshJwt, ALICE, "alice.new@example.com", REDIRECT_URI,
                UpdateOptions.builder().addToLoginIds(true).build());
        JwtResponse session = client.magicLinkVerify(latestToken(emulator, "alice.new@example.com"));

        assertThat(sent.maskedEmail()).isNotBlank();
        assertThat(session.user().email()).isEqualTo("alice.new@example.com");
        assertThat(session.user().loginIds()).contains("alice.new@example.com");
    }

    @ParameterizedTest
    @EnumSource(value = DeliveryMethod.class, names = {"SMS", "WHATSAPP"})
    void updatePhoneSendsALinkToTheNewNumberThatChangesThePhone(DeliveryMethod method) {
        String refreshJwt = emulator.issueSession(ALICE, Map.of()).refreshJwt();

        LinkSent sent = client.magicLinkUpdatePhone(refreshJwt, method, ALICE, "+15555550177", REDIRECT_URI,
                UpdateOptions.NONE);
        OutboxMessage message = emulator.outbox().latestTo("+15555550177").orElseThrow();
        JwtResponse session = client.magicLinkVerify(message.firstLink().token());

        assertThat(sent.maskedPhone()).isNotBlank();
        assertThat(message.channel()).isEqualTo(method.pathSegment());
        assertThat(session.user().phone()).isEqualTo("+15555550177");
    }

    @Test
    void updateWithRevokedRefreshJwtIsUnauthorized() {
        String refreshJwt = emulator.issueSession(ALICE, Map.of()).refreshJwt();
        client.logout(refreshJwt);

        DescopeException e = catchThrowableOfType(DescopeException.class, () -> client.magicLinkUpdateEmail(
                refreshJwt, ALICE, "alice.new@example.com", REDIRECT_URI, null));

        assertThat(e.isUnauthorized()).isTrue();
        assertThat(emulator.outbox().messages()).isEmpty();
    }

    @Test
    void rateLimitedSendIsRateLimitedWithRetryAfter_rl05() {
        try (DescopeEmulator limited = EmulatedProject.start(builder -> builder
                .rateLimit(io.descopefilter.emulator.RateLimit.perLoginId(2, Duration.ofMinutes(1))));
             DescopeClient limitedClient = EmulatedProject.clientFor(limited)) {
            limitedClient.magicLinkSignIn(DeliveryMethod.EMAIL, ALICE, REDIRECT_URI);
            limitedClient.magicLinkSignIn(DeliveryMethod.EMAIL, ALICE, REDIRECT_URI);

            DescopeException e = catchThrowableOfType(DescopeException.class,
                    () -> limitedClient.magicLinkSignIn(DeliveryMethod.EMAIL, ALICE, REDIRECT_URI));

            assertThat(e.isRateLimited()).isTrue();
            assertThat(e.status()).isEqualTo(429);
            assertThat(e.retryAfterSeconds()).isPresent();
            assertThat(e.retryAfterSeconds().getAsLong()).isBetween(1L, 60L);
            assertThat(limited.requestCount("/v1/auth/magiclink/signin/email")).isEqualTo(3);
            assertThat(limited.outbox().messages()).hasSize(2);
        }
    }

    @Test
    void unapprovedRedirectDomainIsRejectedByDescope() {
        DescopeException e = catchThrowableOfType(DescopeException.class,
                () -> client.magicLinkSignIn(DeliveryMethod.EMAIL, ALICE, "https://evil.example.net/verify"));

        assertThat(e.isBadRequest()).isTrue();
        assertThat(emulator.outbox().messages()).isEmpty();
    }

    @Test
    void signInWithTenantNotOfTheUserIsBadRequest() {
        DescopeException e = catchThrowableOfType(DescopeException.class, () -> client.magicLinkSignIn(
                DeliveryMethod.EMAIL, ALICE, REDIRECT_URI, LoginOptions.builder().tenantId("t-other").build(), null));

        assertThat(e.isBadRequest()).isTrue();
        assertThat(List.of(e.status())).containsExactly(400);
    }
}
