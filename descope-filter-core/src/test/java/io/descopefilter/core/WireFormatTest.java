package io.descopefilter.core;

import io.descopefilter.core.RawHttpServer.RecordedRequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The exact requests on the wire (contract §1–§6, §13), recorded by a bare HTTP server. */
class WireFormatTest {

    private static final String PROJECT_ID = "P2aAc4T2V93bddihGEx2Ryhc8e5Z";
    private static final String MANAGEMENT_KEY = "K2wireFormatTestKey0123456789";
    private static final String REFRESH_JWT = "aGVhZGVy.cGF5bG9hZA.c2lnbmF0dXJl";
    /** Satisfies every typed answer: a session, a token, a pending reference and a user. */
    private static final String UNIVERSAL_ANSWER = "{\"sessionJwt\":\"s.s.s\",\"token\":\"tok\",\"pendingRef\":\"ref\","
            + "\"linkId\":\"42\",\"maskedEmail\":\"a***@example.com\",\"user\":{\"userId\":\"U1\"},\"keys\":[]}";

    private RawHttpServer server;
    private DescopeClient client;

    @BeforeEach
    void start() throws IOException {
        server = RawHttpServer.start(RawHttpServer.json(UNIVERSAL_ANSWER));
        client = DescopeClient.create(DescopeClientConfig.builder()
                .projectId(PROJECT_ID).managementKey(MANAGEMENT_KEY).baseUrl(server.baseUrl()).build());
    }

    @AfterEach
    void stop() throws IOException {
        client.close();
        server.close();
    }

    private static JsonObject json(RecordedRequest request) {
        return Json.createReader(new StringReader(request.body())).readObject();
    }

    @Test
    void everyCallCarriesTheDescopeHeaders() {
        client.magicLinkVerify("linkToken123");

        RecordedRequest request = server.lastRequest();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/v1/auth/magiclink/verify");
        assertThat(request.header("Authorization")).isEqualTo("Bearer " + PROJECT_ID);
        assertThat(request.header("Content-Type")).isEqualTo("application/json");
        assertThat(request.header("Accept")).isEqualTo("application/json");
        assertThat(request.header("x-descope-project-id")).isEqualTo(PROJECT_ID);
        assertThat(request.header("x-descope-sdk-name")).isEqualTo("descope-filter");
        assertThat(request.header("x-descope-sdk-version")).isNotBlank().isNotEqualTo("unknown");
        assertThat(request.body()).isEqualTo("{\"token\":\"linkToken123\"}");
    }

    @Test
    void sessionCallsSendProjectIdAndRefreshJwt() {
        client.refresh(REFRESH_JWT);
        assertThat(server.lastRequest().header("Authorization")).isEqualTo("Bearer " + PROJECT_ID + ":" + REFRESH_JWT);
        assertThat(server.lastRequest().path()).isEqualTo("/v1/auth/refresh");

        client.logout(REFRESH_JWT);
        assertThat(server.lastRequest().path()).isEqualTo("/v1/auth/logout");
        client.logoutAll(REFRESH_JWT);
        assertThat(server.lastRequest().path()).isEqualTo("/v1/auth/logoutall");
        assertThat(server.lastRequest().header("Authorization")).endsWith(":" + REFRESH_JWT);

        client.me(REFRESH_JWT);
        assertThat(server.lastRequest().method()).isEqualTo("GET");
        assertThat(server.lastRequest().path()).isEqualTo("/v1/auth/me");
        assertThat(server.lastRequest().header("Authorization")).endsWith(":" + REFRESH_JWT);
    }

    @Test
    void managementCallsSendProjectIdAndManagementKey() {
        client.generateEmbeddedLink("alice@example.com", Map.of("k", "v"), 0);

        RecordedRequest request = server.lastRequest();
        assertThat(request.path()).isEqualTo("/v1/mgmt/user/signin/embeddedlink");
        assertThat(request.header("Authorization")).isEqualTo("Bearer " + PROJECT_ID + ":" + MANAGEMENT_KEY);
        assertThat(json(request).getString("loginId")).isEqualTo("alice@example.com");
        assertThat(json(request).getJsonObject("customClaims").getString("k")).isEqualTo("v");
        assertThat(json(request).getInt("timeout")).isZero();
    }

    @Test
    void keySetIsAGetOnTheProjectsV2Path() {
        client.fetchKeySetJson();

        assertThat(server.lastRequest().method()).isEqualTo("GET");
        assertThat(server.lastRequest().path()).isEqualTo("/v2/keys/" + PROJECT_ID);
        assertThat(server.lastRequest().header("Authorization")).isEqualTo("Bearer " + PROJECT_ID);
    }

    @Test
    void signInWithoutOptionsSendsOnlyLoginIdAndUri() {
        client.magicLinkSignIn(DeliveryMethod.SMS, "+15555550100", "https://app.example.com/verify");

        assertThat(server.lastRequest().path()).isEqualTo("/v1/auth/magiclink/signin/sms");
        assertThat(json(server.lastRequest())).containsOnlyKeys("loginId", "URI");
        assertThat(json(server.lastRequest()).getString("URI")).isEqualTo("https://app.example.com/verify");
    }

    @Test
    void signInWithoutRedirectUriOmitsTheField() {
        client.magicLinkSignIn(DeliveryMethod.EMAIL, "alice@example.com", null);

        assertThat(json(server.lastRequest())).containsOnlyKeys("loginId");
    }

    @Test
    void loginOptionsUseTheContractFieldNames() {
        client.magicLinkSignIn(DeliveryMethod.WHATSAPP, "+15555550100", null, LoginOptions.builder()
                .stepup(true)
                .customClaims(Map.of("n", 1))
                .templateOptions(Map.of("t", "v"))
                .templateId("tpl").tenantId("t1").locale("de")
                .revokeOtherSessions(true).revokeOtherSessionsTypes(List.of("web"))
                .pkceChallenge("abc-DEF_123").ssoAppId("app1")
                .build(), REFRESH_JWT);

        RecordedRequest request = server.lastRequest();
        assertThat(request.path()).isEqualTo("/v1/auth/magiclink/signin/whatsapp");
        assertThat(request.header("Authorization")).isEqualTo("Bearer " + PROJECT_ID + ":" + REFRESH_JWT);
        JsonObject options = json(request).getJsonObject("loginOptions");
        assertThat(options).containsOnlyKeys("stepup", "mfa", "customClaims", "templateOptions", "templateId",
                "tenantId", "locale", "revokeOtherSessions", "revokeOtherSessionsTypes", "pkceChallenge", "ssoAppId");
        assertThat(options.getBoolean("stepup")).isTrue();
        assertThat(options.getJsonArray("revokeOtherSessionsTypes").getString(0)).isEqualTo("web");
    }

    @Test
    void providerIdAndSsoAppIdTravelAtTheTopLevelOfTheLinkRequest() {
        LoginOptions options = LoginOptions.builder().providerId("twilio-eu").ssoAppId("portal").build();

        client.magicLinkSignIn(DeliveryMethod.SMS, "+15555550100", null, options, null);
        JsonObject signIn = json(server.lastRequest());
        assertThat(signIn.getString("providerId")).isEqualTo("twilio-eu");
        assertThat(signIn.getString("ssoAppId")).isEqualTo("portal");
        assertThat(signIn.getJsonObject("loginOptions")).containsOnlyKeys("stepup", "mfa", "revokeOtherSessions",
                "ssoAppId");

        client.enchantedLinkSignUpOrIn("a@example.com", null, LoginOptions.builder().providerId("ses").build());
        JsonObject enchanted = json(server.lastRequest());
        assertThat(enchanted.getString("providerId")).isEqualTo("ses");
        assertThat(enchanted).doesNotContainKeys("ssoAppId", "loginOptions");

        client.magicLinkSignUp(DeliveryMethod.EMAIL, "bob@example.com", null, null,
                LoginOptions.builder().providerId("ses").build());
        assertThat(json(server.lastRequest()).getString("providerId")).isEqualTo("ses");
    }

    @Test
    void signUpRepeatsTheAddressAtTopLevelPerChannel() {
        client.magicLinkSignUp(DeliveryMethod.EMAIL, "bob@example.com", null, SignUpUser.named("Bob"));
        JsonObject email = json(server.lastRequest());
        assertThat(email.getString("email")).isEqualTo("bob@example.com");
        assertThat(email.getJsonObject("user").getString("email")).isEqualTo("bob@example.com");
        assertThat(email.getJsonObject("user").getString("name")).isEqualTo("Bob");

        client.magicLinkSignUp(DeliveryMethod.VOICE, "+15555550100", null, null);
        assertThat(server.lastRequest().path()).isEqualTo("/v1/auth/magiclink/signup/voice");
        assertThat(json(server.lastRequest()).getString("phone")).isEqualTo("+15555550100");

        client.magicLinkSignUp(DeliveryMethod.WHATSAPP, "+15555550100", null, null);
        assertThat(json(server.lastRequest()).getString("whatsapp")).isEqualTo("+15555550100");
        assertThat(json(server.lastRequest())).doesNotContainKey("phone");
    }

    @Test
    void signUpOrInAndEnchantedPathsAreTheContractOnes() {
        client.magicLinkSignUpOrIn(DeliveryMethod.EMAIL, "a@example.com", null);
        assertThat(server.lastRequest().path()).isEqualTo("/v1/auth/magiclink/signup-in/email");
        client.enchantedLinkSignIn("a@example.com", null);
        assertThat(server.lastRequest().path()).isEqualTo("/v1/auth/enchantedlink/signin/email");
        client.enchantedLinkSignUp("a@example.com", null, null);
        assertThat(server.lastRequest().path()).isEqualTo("/v1/auth/enchantedlink/signup/email");
        client.enchantedLinkSignUpOrIn("a@example.com", null);
        assertThat(server.lastRequest().path()).isEqualTo("/v1/auth/enchantedlink/signup-in/email");
        client.enchantedLinkVerify("tok");
        assertThat(server.lastRequest().path()).isEqualTo("/v1/auth/enchantedlink/verify");
        client.enchantedLinkPendingSession("ref");
        assertThat(server.lastRequest().path()).isEqualTo("/v1/auth/enchantedlink/pending-session");
        assertThat(server.lastRequest().body()).isEqualTo("{\"pendingRef\":\"ref\"}");
    }

    @Test
    void updateBodiesUseAddToLoginIDsAndTheUpdatePaths() {
        client.magicLinkUpdateEmail(REFRESH_JWT, "a@example.com", "b@example.com", null,
                UpdateOptions.builder().addToLoginIds(true).onMergeUseExisting(true).build());
        RecordedRequest email = server.lastRequest();
        assertThat(email.path()).isEqualTo("/v1/auth/magiclink/update/email");
        assertThat(email.header("Authorization")).endsWith(":" + REFRESH_JWT);
        assertThat(json(email).getBoolean("addToLoginIDs")).isTrue();
        assertThat(json(email).getBoolean("onMergeUseExisting")).isTrue();
        assertThat(json(email).getString("email")).isEqualTo("b@example.com");

        client.magicLinkUpdatePhone(REFRESH_JWT, DeliveryMethod.WHATSAPP, "a@example.com", "+15555550100", null,
                null);
        assertThat(server.lastRequest().path()).isEqualTo("/v1/auth/magiclink/update/phone/whatsapp");
        assertThat(json(server.lastRequest()).getString("phone")).isEqualTo("+15555550100");

        client.enchantedLinkUpdateEmail(REFRESH_JWT, "a@example.com", "b@example.com", null, null);
        assertThat(server.lastRequest().path()).isEqualTo("/v1/auth/enchantedlink/update/email");
    }

    @Test
    void userCreateUsesTheContractFieldNames() {
        client.createUser(UserCreateRequest.builder("alice@example.com")
                .email("alice@example.com", true)
                .ssoAppIds(List.of("app1"))
                .test(true)
                .build());

        JsonObject body = json(server.lastRequest());
        assertThat(server.lastRequest().path()).isEqualTo("/v1/mgmt/user/create");
        assertThat(body).containsOnlyKeys("loginId", "email", "verifiedEmail", "ssoAppIDs", "test");
    }

    @Test
    void signUpEmbeddedLinkSendsUserVerifiedFlagsAndTimeout() {
        client.generateSignUpEmbeddedLink("n@example.com", SignUpUser.named("N"), true, false, null, 90);

        JsonObject body = json(server.lastRequest());
        assertThat(server.lastRequest().path()).isEqualTo("/v1/mgmt/user/signup/embeddedlink");
        assertThat(body.getBoolean("emailVerified")).isTrue();
        assertThat(body.getBoolean("phoneVerified")).isFalse();
        assertThat(body.getInt("timeout")).isEqualTo(90);
        assertThat(body.getJsonObject("user").getString("name")).isEqualTo("N");
    }

    @Test
    void redirectsAreNotFollowed() throws IOException {
        try (RawHttpServer redirecting = RawHttpServer.start(RawHttpServer.status(302,
                "Location: http://127.0.0.1:1/elsewhere\r\n", "{}"));
             DescopeClient redirected = DescopeClient.create(DescopeClientConfig.builder()
                     .projectId(PROJECT_ID).baseUrl(redirecting.baseUrl()).build())) {

            DescopeException e = catchThrowableOfType(DescopeException.class,
                    () -> redirected.magicLinkVerify("tok"));

            assertThat(e.status()).isEqualTo(302);
            assertThat(e.isMalformedResponse()).isTrue();
            assertThat(redirecting.requestCount()).isEqualTo(1);
        }
    }
}
