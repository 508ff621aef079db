package io.descopefilter.core;

import static io.descopefilter.core.EmulatedProject.ALICE;
import static io.descopefilter.testsupport.Emulators.REDIRECT_URI;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.descopefilter.emulator.DescopeEmulator;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import io.descopefilter.testsupport.Emulators;

/** Bad input is rejected with a clear IllegalArgumentException before any request reaches Descope. */
class ValidationBeforeHttpTest {

    private static final String REFRESH_JWT = "aGVhZGVy.cGF5bG9hZA.c2lnbmF0dXJl";
    private static final List<String> API_PATHS = apiPaths();

    private DescopeEmulator emulator;
    private DescopeClient client;

    @BeforeEach
    void start() {
        emulator = Emulators.start();
        client = EmulatedProject.clientFor(emulator);
    }

    @AfterEach
    void stop() {
        client.close();
        emulator.close();
    }

    /** Every path the client can call, so "no request" means none anywhere. */
    private static List<String> apiPaths() {
        List<String> paths = new java.util.ArrayList<>();
        for (String op : List.of("signin", "signup", "signup-in")) {
            for (DeliveryMethod method : DeliveryMethod.values()) {
                paths.add("/v1/auth/magiclink/" + op + "/" + method.pathSegment());
            }
            paths.add("/v1/auth/enchantedlink/" + op + "/email");
        }
        paths.addAll(List.of("/v1/auth/magiclink/verify", "/v1/auth/magiclink/update/email",
                "/v1/auth/magiclink/update/phone/sms", "/v1/auth/magiclink/update/phone/whatsapp",
                "/v1/auth/magiclink/update/phone/voice", "/v1/auth/magiclink/update/phone/email",
                "/v1/auth/enchantedlink/verify", "/v1/auth/enchantedlink/pending-session",
                "/v1/auth/enchantedlink/update/email", "/v1/mgmt/user/signin/embeddedlink",
                "/v1/mgmt/user/signup/embeddedlink", "/v1/mgmt/user/create", "/v1/auth/refresh", "/v1/auth/logout",
                "/v1/auth/logoutall", "/v1/auth/me", "/v2/keys/" + Emulators.PROJECT_ID));
        return List.copyOf(paths);
    }

    private void assertRejectedBeforeHttp(ThrowingCallable call, String messagePart) {
        assertThatThrownBy(call).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(messagePart);
        assertThat(API_PATHS).allSatisfy(path -> assertThat(emulator.requestCount(path)).as(path).isZero());
    }

    @Test
    void blankOverlongOrControlCharacterLoginIdIsRejected_lh08() {
        assertRejectedBeforeHttp(() -> client.magicLinkSignIn(DeliveryMethod.EMAIL, " ", REDIRECT_URI), "blank");
        assertRejectedBeforeHttp(() -> client.magicLinkSignIn(DeliveryMethod.EMAIL, null, REDIRECT_URI), "blank");
        assertRejectedBeforeHttp(() -> client.magicLinkSignUpOrIn(DeliveryMethod.EMAIL,
                "a".repeat(310) + "@example.com", REDIRECT_URI), "at most 320");
        assertRejectedBeforeHttp(() -> client.enchantedLinkSignIn("alice@example.com\r\nBcc: x@evil.com",
                REDIRECT_URI), "control characters");
        assertRejectedBeforeHttp(() -> client.generateEmbeddedLink("alice\u0000", null, 0), "control characters");
        assertRejectedBeforeHttp(() -> client.createUser(UserCreateRequest.builder(" ").build()), "blank");
    }

    @Test
    void malformedEmailIsRejectedOnTheEmailChannel() {
        assertRejectedBeforeHttp(() -> client.magicLinkSignUpOrIn(DeliveryMethod.EMAIL, "alice", REDIRECT_URI),
                "email address");
        assertRejectedBeforeHttp(() -> client.magicLinkSignUp(DeliveryMethod.EMAIL, "alice@", REDIRECT_URI, null),
                "email address");
        assertRejectedBeforeHttp(() -> client.enchantedLinkSignUpOrIn("@example.com", REDIRECT_URI),
                "email address");
        assertRejectedBeforeHttp(() -> client.enchantedLinkSignUp("bob@example.com", REDIRECT_URI,
                new SignUpUser(null, null, null, null, "not-an-email", null)), "email address");
    }

    @Test
    void phoneNotInE164IsRejectedOnPhoneChannels() {
        for (DeliveryMethod method : List.of(DeliveryMethod.SMS, DeliveryMethod.WHATSAPP, DeliveryMethod.VOICE)) {
            assertRejectedBeforeHttp(() -> client.magicLinkSignUp(method, "+0155555", REDIRECT_URI, null), "E.164");
            assertRejectedBeforeHttp(() -> client.magicLinkSignUpOrIn(method, ALICE, REDIRECT_URI), "E.164");
        }
    }

    @Test
    void redirectUriThatIsNotAbsoluteHttpIsRejected_rd() {
        assertRejectedBeforeHttp(() -> client.magicLinkSignIn(DeliveryMethod.EMAIL, ALICE, "/descope/verify"),
                "redirectUri");
        assertRejectedBeforeHttp(() -> client.enchantedLinkSignIn(ALICE, "javascript:alert(1)"), "redirectUri");
        assertRejectedBeforeHttp(() -> client.magicLinkUpdateEmail(REFRESH_JWT, ALICE, "new@example.com",
                "ftp://example.com/verify", null), "redirectUri");
    }

    @Test
    void blankEmptyOrHugeTokensAreRejected_tx04() {
        assertRejectedBeforeHttp(() -> client.magicLinkVerify(""), "token must not be blank");
        assertRejectedBeforeHttp(() -> client.magicLinkVerify(null), "token must not be blank");
        assertRejectedBeforeHttp(() -> client.magicLinkVerify("x".repeat(100 * 1024)), "at most");
        assertRejectedBeforeHttp(() -> client.magicLinkVerify("abc\r\ndef"), "visible ASCII");
        assertRejectedBeforeHttp(() -> client.magicLinkVerify("abc%00\u0000"), "visible ASCII");
        assertRejectedBeforeHttp(() -> client.enchantedLinkVerify(" "), "token must not be blank");
        assertRejectedBeforeHttp(() -> client.enchantedLinkPendingSession(""), "pendingRef must not be blank");
    }

    @Test
    void blankOrMalformedRefreshJwtIsRejected() {
        assertRejectedBeforeHttp(() -> client.refresh(""), "refreshJwt");
        assertRejectedBeforeHttp(() -> client.logout(null), "refreshJwt");
        assertRejectedBeforeHttp(() -> client.logoutAll("not a jwt"), "refreshJwt");
        assertRejectedBeforeHttp(() -> client.me("a.b"), "refreshJwt");
        assertRejectedBeforeHttp(() -> client.magicLinkUpdatePhone(" ", DeliveryMethod.SMS, ALICE, "+15555550100",
                null, null), "refreshJwt");
        assertRejectedBeforeHttp(() -> client.enchantedLinkUpdateEmail(null, ALICE, "n@example.com", null, null),
                "refreshJwt");
    }

    @Test
    void stepupOrMfaSignInWithoutRefreshJwtIsRejected() {
        LoginOptions stepup = LoginOptions.builder().stepup(true).build();
        LoginOptions mfa = LoginOptions.builder().mfa(true).build();

        assertRejectedBeforeHttp(() -> client.magicLinkSignIn(DeliveryMethod.EMAIL, ALICE, REDIRECT_URI, stepup,
                null), "refreshJwt");
        assertRejectedBeforeHttp(() -> client.enchantedLinkSignIn(ALICE, REDIRECT_URI, mfa, null), "refreshJwt");
    }

    @Test
    void stepupOrMfaOnSignUpIsRejected() {
        LoginOptions stepup = LoginOptions.builder().stepup(true).build();

        assertRejectedBeforeHttp(() -> client.magicLinkSignUp(DeliveryMethod.EMAIL, ALICE, REDIRECT_URI, null,
                stepup), "sign-in only");
        assertRejectedBeforeHttp(() -> client.magicLinkSignUpOrIn(DeliveryMethod.EMAIL, ALICE, REDIRECT_URI,
                stepup), "sign-in only");
        assertRejectedBeforeHttp(() -> client.enchantedLinkSignUpOrIn(ALICE, REDIRECT_URI, stepup), "sign-in only");
        assertRejectedBeforeHttp(() -> client.generateSignUpEmbeddedLink(ALICE, null, false, false, stepup, 0),
                "sign-in only");
    }

    @Test
    void phoneUpdateIsOnlyBySmsOrWhatsapp() {
        assertRejectedBeforeHttp(() -> client.magicLinkUpdatePhone(REFRESH_JWT, DeliveryMethod.VOICE, ALICE,
                "+15555550100", null, null), "SMS or WHATSAPP");
        assertRejectedBeforeHttp(() -> client.magicLinkUpdatePhone(REFRESH_JWT, DeliveryMethod.EMAIL, ALICE,
                "+15555550100", null, null), "SMS or WHATSAPP");
        assertRejectedBeforeHttp(() -> client.magicLinkUpdatePhone(REFRESH_JWT, DeliveryMethod.SMS, ALICE,
                "0100", null, null), "E.164");
        assertRejectedBeforeHttp(() -> client.magicLinkUpdateEmail(REFRESH_JWT, ALICE, "new-at-example.com",
                null, null), "email address");
    }

    @Test
    void negativeEmbeddedLinkTimeoutIsRejected() {
        assertRejectedBeforeHttp(() -> client.generateEmbeddedLink(ALICE, null, -1), "timeoutSeconds");
        assertRejectedBeforeHttp(() -> client.generateSignUpEmbeddedLink(ALICE, null, false, false, null, -5),
                "timeoutSeconds");
    }

    @Test
    void customClaimsOtherThanStringNumberOrBooleanAreRejected() {
        assertRejectedBeforeHttp(() -> client.generateEmbeddedLink(ALICE, Map.of("nested", Map.of("a", 1)), 0),
                "customClaims");
        assertRejectedBeforeHttp(() -> client.generateEmbeddedLink(ALICE, Map.of("list", List.of("a")), 0),
                "customClaims");
        assertThatThrownBy(() -> LoginOptions.builder().customClaims(Map.of("obj", new Object())).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("customClaims");
    }

    @Test
    void missingDeliveryMethodOrRequestIsRejected() {
        assertRejectedBeforeHttp(() -> client.magicLinkSignIn(null, ALICE, REDIRECT_URI), "method is required");
        assertRejectedBeforeHttp(() -> client.magicLinkUpdatePhone(REFRESH_JWT, null, ALICE, "+15555550100", null,
                null), "method is required");
        assertRejectedBeforeHttp(() -> client.createUser(null), "request is required");
    }
}
