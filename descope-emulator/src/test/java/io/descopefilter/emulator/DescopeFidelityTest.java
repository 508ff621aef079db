package io.descopefilter.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jwt.JWTClaimsSet;
import jakarta.json.JsonObject;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** JWKS without credentials, tenant select, the license handshake and the login/update options. */
class DescopeFidelityTest {

    private static final String PID = TestEmulators.PROJECT_ID;

    private DescopeEmulator emulator;
    private EmulatorClient client;
    private Flows flows;

    @BeforeEach
    void start() {
        emulator = TestEmulators.builder().start();
        client = new EmulatorClient(emulator);
        flows = new Flows(emulator, client);
        emulator.createUser(EmulatorUser.builder("alice@example.com")
                .tenant("t1", List.of("editor"), List.of()).tenant("t2", List.of("viewer"), List.of()).build());
    }

    @AfterEach
    void stop() {
        emulator.close();
    }

    private static HttpResponse<String> plainGet(String url) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theJwksIsServedWithoutCredentialsAtBothAddresses() throws Exception {
        HttpResponse<String> v2 = plainGet(emulator.baseUrl() + "/v2/keys/" + PID);
        HttpResponse<String> wellKnown = plainGet(emulator.baseUrl() + "/" + PID + "/.well-known/jwks.json");

        assertThat(v2.statusCode()).isEqualTo(200);
        assertThat(wellKnown.statusCode()).isEqualTo(200);
        assertThat(wellKnown.body()).isEqualTo(v2.body());
        assertThat(JWKSet.parse(v2.body()).getKeyByKeyId(emulator.signingKey().getKeyID())).isNotNull();
        assertThat(plainGet(emulator.baseUrl() + "/P2other0000000000000000000000/.well-known/jwks.json")
                .statusCode()).isEqualTo(401);
    }

    @Test
    void nimbusLoadsTheJwksFromEitherAddress() throws Exception {
        String kid = emulator.signingKey().getKeyID();

        JWKSet loaded = JWKSet.load(new URL(emulator.baseUrl() + "/v2/keys/" + PID));
        JWKSource<SecurityContext> remote = JWKSourceBuilder
                .create(new URL(emulator.baseUrl() + "/" + PID + "/.well-known/jwks.json")).build();

        assertThat(loaded.getKeyByKeyId(kid)).isNotNull();
        assertThat(remote.get(new JWKSelector(new JWKMatcher.Builder().keyID(kid).build()), null)).hasSize(1);
    }

    @Test
    void tenantSelectIssuesNewTokensForAMemberTenant() throws Exception {
        String refreshJwt = flows.login("alice@example.com").json().getString("refreshJwt");

        Reply selected = client.post("/v1/auth/tenant/select", client.refresh(refreshJwt), "{\"tenant\":\"t2\"}");

        assertThat(selected.status()).as(selected.body()).isEqualTo(200);
        JWTClaimsSet session = Jwts.claims(client, selected.json().getString("sessionJwt"));
        assertThat(session.getStringClaim("dct")).isEqualTo("t2");
        String newRefresh = selected.json().getString("refreshJwt");
        assertThat(Jwts.claims(client, newRefresh).getStringClaim("dct")).isEqualTo("t2");
        assertThat(selected.json().getJsonObject("user").getString("userId")).isEqualTo(session.getSubject());
        Reply refreshed = client.post("/v1/auth/refresh", client.refresh(newRefresh), null);
        assertThat(Jwts.claims(client, refreshed.json().getString("sessionJwt")).getStringClaim("dct"))
                .isEqualTo("t2");
    }

    @Test
    void tenantSelectRefusesOtherTenantsMissingTenantsAndRevokedTokens() {
        String refreshJwt = flows.login("alice@example.com").json().getString("refreshJwt");

        Reply foreign = client.post("/v1/auth/tenant/select", client.refresh(refreshJwt), "{\"tenant\":\"t9\"}");
        Reply missing = client.post("/v1/auth/tenant/select", client.refresh(refreshJwt), "{}");
        Reply anonymous = client.post("/v1/auth/tenant/select", client.project(), "{\"tenant\":\"t1\"}");
        client.post("/v1/auth/logout", client.refresh(refreshJwt), null);
        Reply revoked = client.post("/v1/auth/tenant/select", client.refresh(refreshJwt), "{\"tenant\":\"t1\"}");

        assertThat(foreign.status()).isEqualTo(400);
        assertThat(foreign.errorCode()).isEqualTo("E011004");
        assertThat(missing.errorCode()).isEqualTo("E011003");
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(revoked.status()).isEqualTo(401);
        assertThat(revoked.errorCode()).isEqualTo("E064001");
    }

    @Test
    void theLicenseHandshakeNeedsTheManagementKey() {
        Reply license = client.get("/v1/mgmt/license", client.management());

        assertThat(license.status()).isEqualTo(200);
        assertThat(license.json().getString("licenseType")).isEqualTo("pro");
        assertThat(client.get("/v1/mgmt/license", client.project()).status()).isEqualTo(401);
    }

    private String sentToken(String email) {
        return emulator.outbox().latestTo(email).orElseThrow().firstLink().token();
    }

    @Test
    void stepUpKeepsTheUserAndAddsSu() throws Exception {
        Reply first = flows.login("alice@example.com");
        String refreshJwt = first.json().getString("refreshJwt");
        String userId = first.json().getJsonObject("user").getString("userId");
        assertThat(Jwts.claims(client, first.json().getString("sessionJwt")).getClaim("su")).isNull();

        Reply sent = client.post("/v1/auth/magiclink/signin/email", client.refresh(refreshJwt),
                "{\"loginId\":\"alice@example.com\",\"loginOptions\":{\"stepup\":true}}");
        assertThat(sent.status()).as(sent.body()).isEqualTo(200);
        JWTClaimsSet stepped = Jwts.claims(client,
                flows.verifyMagicLink(sentToken("alice@example.com")).json().getString("sessionJwt"));

        assertThat(stepped.getSubject()).isEqualTo(userId);
        assertThat(stepped.getBooleanClaim("su")).isTrue();
        assertThat(stepped.getStringListClaim("amr")).containsExactly("email");
    }

    @Test
    void mfaAddsMfaToAmr() throws Exception {
        String refreshJwt = flows.login("alice@example.com").json().getString("refreshJwt");

        client.post("/v1/auth/magiclink/signin/email", client.refresh(refreshJwt),
                "{\"loginId\":\"alice@example.com\",\"loginOptions\":{\"mfa\":true}}");
        JWTClaimsSet session = Jwts.claims(client,
                flows.verifyMagicLink(sentToken("alice@example.com")).json().getString("sessionJwt"));

        assertThat(session.getStringListClaim("amr")).contains("email", "mfa");
        assertThat(session.getClaim("su")).isNull();
    }

    @Test
    void messageOptionsAreRecordedInTheOutbox() {
        Reply sent = client.post("/v1/auth/magiclink/signin/email", client.project(),
                "{\"loginId\":\"alice@example.com\",\"providerId\":\"sendgrid\",\"loginOptions\":{"
                        + "\"templateId\":\"welcome\",\"templateOptions\":{\"brand\":\"Acme\"},\"locale\":\"fr\","
                        + "\"ssoAppId\":\"app1\",\"stepup\":false,\"customClaims\":null}}");
        assertThat(sent.status()).as(sent.body()).isEqualTo(200);

        JsonObject options = client.get("/emulator/outbox", null).jsonArray().getJsonObject(0)
                .getJsonObject("options");

        assertThat(options.getString("templateId")).isEqualTo("welcome");
        assertThat(options.getJsonObject("templateOptions").getString("brand")).isEqualTo("Acme");
        assertThat(options.getString("locale")).isEqualTo("fr");
        assertThat(options.getString("ssoAppId")).isEqualTo("app1");
        assertThat(options.getString("providerId")).isEqualTo("sendgrid");
        assertThat(emulator.outbox().latestTo("alice@example.com").orElseThrow().options())
                .containsEntry("locale", "fr").doesNotContainKey("stepup");
    }

    @Test
    void revokeOtherSessionsEndsTheUsersOtherRefreshJwtsOnVerify() {
        String older = flows.login("alice@example.com").json().getString("refreshJwt");
        String seeded = emulator.issueSession("alice@example.com").refreshJwt();

        client.post("/v1/auth/magiclink/signin/email", client.project(),
                "{\"loginId\":\"alice@example.com\",\"loginOptions\":{\"revokeOtherSessions\":true}}");
        String token = sentToken("alice@example.com");
        assertThat(client.post("/v1/auth/refresh", client.refresh(older), null).status()).isEqualTo(200);
        String newest = flows.verifyMagicLink(token).json().getString("refreshJwt");

        assertThat(client.post("/v1/auth/refresh", client.refresh(older), null).errorCode()).isEqualTo("E064001");
        assertThat(client.post("/v1/auth/refresh", client.refresh(seeded), null).errorCode()).isEqualTo("E064001");
        assertThat(client.post("/v1/auth/refresh", client.refresh(newest), null).status()).isEqualTo(200);
    }

    @Test
    void enchantedLinksHonourTenantAndCustomClaimsToo() throws Exception {
        Reply sent = client.post("/v1/auth/enchantedlink/signin/email", client.project(),
                "{\"loginId\":\"alice@example.com\",\"loginOptions\":{\"tenantId\":\"t1\",\"templateId\":\"el\","
                        + "\"customClaims\":{\"k\":\"v\"}}}");
        OutboxMessage message = emulator.outbox().latestTo("alice@example.com").orElseThrow();
        OutboxLink right = message.links().stream()
                .filter(link -> link.linkId().equals(sent.json().getString("linkId"))).findFirst().orElseThrow();
        client.post("/v1/auth/enchantedlink/verify", client.project(), Flows.body("token", right.token()));

        Reply session = client.post("/v1/auth/enchantedlink/pending-session", client.project(),
                Flows.body("pendingRef", sent.json().getString("pendingRef")));
        JWTClaimsSet claims = Jwts.claims(client, session.json().getString("sessionJwt"));

        assertThat(claims.getStringClaim("dct")).isEqualTo("t1");
        assertThat(claims.getStringClaim("k")).isEqualTo("v");
        assertThat(message.options()).containsEntry("templateId", "el");
    }

    @Test
    void updateOptionsAreRecordedAndAddToLoginIdsFalseAddsNoLoginId() {
        String refreshJwt = flows.login("alice@example.com").json().getString("refreshJwt");

        Reply sent = client.post("/v1/auth/magiclink/update/email", client.refresh(refreshJwt),
                "{\"loginId\":\"alice@example.com\",\"email\":\"alice@new.example.com\",\"templateId\":\"chg\","
                        + "\"locale\":\"de\",\"providerId\":\"ses\",\"onMergeUseExisting\":true,"
                        + "\"addToLoginIDs\":false}");
        assertThat(sent.status()).as(sent.body()).isEqualTo(200);
        OutboxMessage message = emulator.outbox().latestTo("alice@new.example.com").orElseThrow();
        flows.verifyMagicLink(message.firstLink().token());

        assertThat(message.options()).containsEntry("templateId", "chg").containsEntry("locale", "de")
                .containsEntry("providerId", "ses").containsEntry("onMergeUseExisting", true)
                .containsEntry("addToLoginIDs", false);
        JsonObject me = client.get("/v1/auth/me", client.refresh(refreshJwt)).json();
        assertThat(me.getString("email")).isEqualTo("alice@new.example.com");
        assertThat(me.getJsonArray("loginIds")).hasSize(1);
        assertThat(me.getJsonArray("loginIds").getString(0)).isEqualTo("alice@example.com");
        assertThat(client.post("/v1/auth/magiclink/signin/email", client.project(),
                Flows.body("loginId", "alice@new.example.com")).errorCode()).isEqualTo("E062108");
    }

    @Test
    void signUpProfileFieldsAreStoredAndReturned() {
        Reply sent = client.post("/v1/auth/magiclink/signup/email", client.project(),
                "{\"loginId\":\"carol@example.com\",\"user\":{\"name\":\"Carol Jones\",\"givenName\":\"Carol\","
                        + "\"middleName\":\"Q\",\"familyName\":\"Jones\"}}");
        assertThat(sent.status()).as(sent.body()).isEqualTo(200);

        Reply verified = flows.verifyMagicLink(sentToken("carol@example.com"));
        JsonObject me = client.get("/v1/auth/me", client.refresh(verified.json().getString("refreshJwt"))).json();

        for (JsonObject user : List.of(verified.json().getJsonObject("user"), me)) {
            assertThat(user.getString("name")).isEqualTo("Carol Jones");
            assertThat(user.getString("givenName")).isEqualTo("Carol");
            assertThat(user.getString("middleName")).isEqualTo("Q");
            assertThat(user.getString("familyName")).isEqualTo("Jones");
        }
    }
}
