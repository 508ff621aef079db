package io.descopefilter.emulator;

import static io.descopefilter.emulator.Flows.body;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.JWTClaimsSet;
import jakarta.json.JsonObject;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ManagementTest {

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

    private String embeddedToken(String json) {
        Reply reply = client.post("/v1/mgmt/user/signin/embeddedlink", client.management(), json);
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.json().getString("token");
    }

    @Test
    void userCreateAnswersTheResponseUserAndTheUserCanSignIn() {
        Reply reply = client.post("/v1/mgmt/user/create", client.management(),
                "{\"loginId\":\"alice@example.com\",\"email\":\"alice@example.com\",\"verifiedEmail\":true,"
                        + "\"phone\":\"+15555550100\",\"verifiedPhone\":true,\"displayName\":\"Alice\","
                        + "\"givenName\":\"\","
                        + "\"roleNames\":[\"admin\"],\"userTenants\":[{\"tenantId\":\"t1\",\"tenantName\":\"Tenant 1\","
                        + "\"roleNames\":[\"editor\"]}],\"customAttributes\":{\"tier\":2},\"picture\":\"\","
                        + "\"test\":false,"
                        + "\"additionalIdentifiers\":[],\"ssoAppIDs\":[]}");

        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        JsonObject user = reply.json().getJsonObject("user");
        assertThat(user.getString("userId")).matches("U2[0-9A-Za-z]{26}");
        assertThat(user.getString("name")).isEqualTo("Alice");
        assertThat(user.getString("phone")).isEqualTo("+15555550100");
        assertThat(user.getBoolean("verifiedPhone")).isTrue();
        assertThat(user.getJsonArray("roleNames").getString(0)).isEqualTo("admin");
        assertThat(user.getJsonArray("userTenants").getJsonObject(0).getString("tenantName")).isEqualTo("Tenant 1");
        assertThat(user.getJsonObject("customAttributes").getInt("tier")).isEqualTo(2);
        assertThat(flows.login("alice@example.com").status()).isEqualTo(200);
    }

    @Test
    void userCreateOfAnExistingLoginIdFailsWithUserAlreadyExists() {
        flows.createUser("alice@example.com");

        Reply reply = client.post("/v1/mgmt/user/create", client.management(), body("loginId", "alice@example.com"));

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.errorCode()).isEqualTo("E062107");
    }

    @Test
    void embeddedLinkCustomClaimsLandInTheSessionJwt() throws Exception {
        flows.createUser("alice@example.com");
        String token = embeddedToken(
                "{\"loginId\":\"alice@example.com\",\"customClaims\":{\"role\":\"kiosk\",\"level\":2}}");

        Reply session = flows.verifyMagicLink(token);

        assertThat(session.status()).isEqualTo(200);
        JWTClaimsSet claims = Jwts.claims(client, session.json().getString("sessionJwt"));
        assertThat(claims.getStringClaim("role")).isEqualTo("kiosk");
        assertThat(claims.getLongClaim("level")).isEqualTo(2L);
        assertThat(emulator.outbox().messages()).isEmpty();
    }

    @Test
    void embeddedLinkWithoutTimeoutExpiresAfterTheSixtySecondDefault() {
        flows.createUser("alice@example.com");
        String fresh = embeddedToken(body("loginId", "alice@example.com"));
        String stale = embeddedToken("{\"loginId\":\"alice@example.com\",\"timeout\":0}");

        emulator.advanceClock(Duration.ofSeconds(59));
        assertThat(flows.verifyMagicLink(fresh).status()).isEqualTo(200);
        emulator.advanceClock(Duration.ofSeconds(2));
        assertThat(flows.verifyMagicLink(stale).errorCode()).isEqualTo("E062504");
    }

    @Test
    void embeddedLinkTimeoutIsHonoured() {
        flows.createUser("alice@example.com");
        String longLived = embeddedToken("{\"loginId\":\"alice@example.com\",\"timeout\":300}");
        String shortLived = embeddedToken("{\"loginId\":\"alice@example.com\",\"timeout\":5}");

        emulator.advanceClock(Duration.ofSeconds(120));

        assertThat(flows.verifyMagicLink(shortLived).errorCode()).isEqualTo("E062504");
        assertThat(flows.verifyMagicLink(longLived).status()).isEqualTo(200);
    }

    @Test
    void embeddedLinkTokensAreSingleUse() {
        flows.createUser("alice@example.com");
        String token = embeddedToken(body("loginId", "alice@example.com"));

        assertThat(flows.verifyMagicLink(token).status()).isEqualTo(200);
        assertThat(flows.verifyMagicLink(token).errorCode()).isEqualTo("E063010");
    }

    @Test
    void embeddedLinkForAnUnknownUserFailsWithUserNotFound() {
        Reply reply = client.post("/v1/mgmt/user/signin/embeddedlink", client.management(),
                body("loginId", "nobody@example.com"));

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.errorCode()).isEqualTo("E062108");
    }

    @Test
    void aNegativeEmbeddedLinkTimeoutIsRejected() {
        flows.createUser("alice@example.com");

        Reply reply = client.post("/v1/mgmt/user/signin/embeddedlink", client.management(),
                "{\"loginId\":\"alice@example.com\",\"timeout\":-1}");

        assertThat(reply.errorCode()).isEqualTo("E011004");
    }

    @Test
    void signUpEmbeddedLinkCreatesTheUserAndCarriesLoginOptionClaims() throws Exception {
        Reply reply = client.post("/v1/mgmt/user/signup/embeddedlink", client.management(),
                "{\"loginId\":\"dave@example.com\",\"user\":{\"name\":\"Dave\",\"email\":\"dave@example.com\"},"
                        + "\"emailVerified\":true,\"phoneVerified\":false,"
                        + "\"loginOptions\":{\"customClaims\":{\"source\":\"invite\"}},\"timeout\":120}");
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);

        JsonObject session = flows.verifyMagicLink(reply.json().getString("token")).json();

        assertThat(session.getJsonObject("user").getString("name")).isEqualTo("Dave");
        assertThat(session.getJsonObject("user").getBoolean("verifiedEmail")).isTrue();
        assertThat(Jwts.claims(client, session.getString("sessionJwt")).getStringClaim("source")).isEqualTo("invite");
        assertThat(client.post("/v1/mgmt/user/signup/embeddedlink", client.management(),
                body("loginId", "dave@example.com")).errorCode()).isEqualTo("E062107");
    }

    @Test
    void anEmbeddedTokenIsNotAnEnchantedLinkToken() {
        flows.createUser("alice@example.com");
        String token = embeddedToken(body("loginId", "alice@example.com"));

        Reply reply = client.post("/v1/auth/enchantedlink/verify", client.project(), body("token", token));

        assertThat(reply.errorCode()).isEqualTo("E063010");
    }
}
