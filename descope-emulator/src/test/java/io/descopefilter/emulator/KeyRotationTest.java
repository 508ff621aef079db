package io.descopefilter.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jwt.SignedJWT;
import jakarta.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class KeyRotationTest {

    private DescopeEmulator emulator;
    private EmulatorClient client;

    @BeforeEach
    void start() {
        emulator = TestEmulators.builder().start();
        client = new EmulatorClient(emulator);
        emulator.createUser(EmulatorUser.builder("alice@example.com").build());
    }

    @AfterEach
    void stop() {
        emulator.close();
    }

    private JWKSet jwks() throws Exception {
        Reply reply = client.get("/v2/keys/" + TestEmulators.PROJECT_ID, client.project());
        assertThat(reply.status()).isEqualTo(200);
        return JWKSet.parse(reply.body());
    }

    private Reply refresh(EmulatorTokens tokens) {
        return client.post("/v1/auth/refresh", client.refresh(tokens.refreshJwt()), null);
    }

    private List<String> kids() throws Exception {
        return jwks().getKeys().stream().map(JWK::getKeyID).toList();
    }

    @Test
    void jwksServesOnePublicRs256SigningKey() throws Exception {
        JsonObject key = client.get("/v2/keys/" + TestEmulators.PROJECT_ID, client.project()).json()
                .getJsonArray("keys").getJsonObject(0);

        assertThat(key.getString("alg")).isEqualTo("RS256");
        assertThat(key.getString("kty")).isEqualTo("RSA");
        assertThat(key.getString("use")).isEqualTo("sig");
        assertThat(key.getString("kid")).isEqualTo(emulator.signingKey().getKeyID());
        assertThat(key.getString("e")).isEqualTo("AQAB");
        assertThat(key.containsKey("d")).isFalse();
        assertThat(jwks().getKeys().get(0).toRSAKey().size()).isEqualTo(2048);
    }

    @Test
    void rotationPublishesTheNewKidAndKeepsTheOldOneUntilRetired() throws Exception {
        String oldKid = emulator.signingKey().getKeyID();
        EmulatorTokens oldTokens = emulator.issueSession("alice@example.com");

        String newKid = emulator.rotateKeys();

        assertThat(newKid).isNotEqualTo(oldKid);
        assertThat(kids()).containsExactlyInAnyOrder(oldKid, newKid);
        EmulatorTokens newTokens = emulator.issueSession("alice@example.com");
        assertThat(SignedJWT.parse(newTokens.sessionJwt()).getHeader().getKeyID()).isEqualTo(newKid);
        assertThat(refresh(oldTokens).status()).isEqualTo(200);

        emulator.retireOldKeys();

        assertThat(kids()).containsExactly(newKid);
        assertThat(refresh(oldTokens).errorCode()).isEqualTo("E061004");
        assertThat(refresh(newTokens).status()).isEqualTo(200);
    }

    @Test
    void rotationAndRetirementWorkOverHttp() throws Exception {
        String oldKid = emulator.signingKey().getKeyID();

        JsonObject rotated = client.post("/emulator/keys/rotate", null, null).json();
        String newKid = rotated.getString("signingKid");
        assertThat(newKid).isNotEqualTo(oldKid);
        assertThat(kids()).containsExactlyInAnyOrder(oldKid, newKid);

        JsonObject retired = client.post("/emulator/keys/retire", null, null).json();
        assertThat(retired.getJsonArray("publishedKids").getString(0)).isEqualTo(newKid);
        assertThat(kids()).containsExactly(newKid);
    }

    @Test
    void extraKeysCanBePublishedAndUnpublished() throws Exception {
        JWK extra = new ECKeyGenerator(Curve.P_256).keyID("extra-ec").generate();

        emulator.publishExtraKey(extra);
        assertThat(kids()).contains("extra-ec");
        assertThat(jwks().getKeyByKeyId("extra-ec").isPrivate()).isFalse();

        emulator.unpublishKey("extra-ec");
        assertThat(kids()).doesNotContain("extra-ec");
    }

    @Test
    void jwksFetchesAreCountedPerPath() {
        String path = "/v2/keys/" + TestEmulators.PROJECT_ID;

        client.get(path, client.project());
        client.get(path + "?certs=false", client.project());

        assertThat(emulator.requestCount(path)).isEqualTo(2);
        assertThat(emulator.requestCount("/v2/keys/other")).isZero();
    }
}
