package io.descopefilter.core;

import static io.descopefilter.core.EmulatedProject.ALICE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.SignedJWT;
import io.descopefilter.emulator.DescopeEmulator;
import io.descopefilter.emulator.EmulatorTokens;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Contract §6 against the emulator: refresh, logout, logout-all, me and the JWKS. */
class SessionContractTest {

    private DescopeEmulator emulator;
    private DescopeClient client;
    private EmulatorTokens tokens;

    @BeforeEach
    void start() {
        emulator = EmulatedProject.start();
        client = EmulatedProject.clientFor(emulator);
        tokens = emulator.issueSession(ALICE, Map.of("plan", "gold"));
    }

    @AfterEach
    void stop() {
        client.close();
        emulator.close();
    }

    @Test
    void refreshReturnsANewSessionJwtForTheSameUser() throws Exception {
        JwtResponse refreshed = client.refresh(tokens.refreshJwt());

        String subject = SignedJWT.parse(tokens.sessionJwt()).getJWTClaimsSet().getSubject();
        assertThat(refreshed.sessionJwt()).isNotBlank();
        assertThat(SignedJWT.parse(refreshed.sessionJwt()).getJWTClaimsSet().getSubject()).isEqualTo(subject);
    }

    @Test
    void refreshWithRotationReturnsANewRefreshJwt() {
        try (DescopeEmulator rotating = EmulatedProject.start(builder -> builder.refreshTokenRotation(true));
             DescopeClient rotatingClient = EmulatedProject.clientFor(rotating)) {
            String refreshJwt = rotating.issueSession(ALICE, Map.of()).refreshJwt();

            JwtResponse refreshed = rotatingClient.refresh(refreshJwt);

            assertThat(refreshed.refreshJwt()).isNotBlank().isNotEqualTo(refreshJwt);
        }
    }

    @Test
    void refreshAfterLogoutIsUnauthorized_se() {
        client.logout(tokens.refreshJwt());

        DescopeException e = catchThrowableOfType(DescopeException.class, () -> client.refresh(tokens.refreshJwt()));

        assertThat(e.isUnauthorized()).isTrue();
        assertThat(e.status()).isEqualTo(401);
    }

    @Test
    void logoutAllRevokesEveryRefreshJwtOfTheUser() {
        EmulatorTokens other = emulator.issueSession(ALICE, Map.of());

        client.logoutAll(tokens.refreshJwt());

        assertThat(catchThrowableOfType(DescopeException.class, () -> client.refresh(other.refreshJwt()))
                .isUnauthorized()).isTrue();
    }

    @Test
    void meReturnsTheSignedInUser() {
        DescopeUser me = client.me(tokens.refreshJwt());

        assertThat(me.email()).isEqualTo(ALICE);
        assertThat(me.phone()).isEqualTo(EmulatedProject.ALICE_PHONE);
        assertThat(me.name()).isEqualTo("Alice");
    }

    @Test
    void meWithRevokedRefreshJwtIsUnauthorized() {
        client.logout(tokens.refreshJwt());

        assertThat(catchThrowableOfType(DescopeException.class, () -> client.me(tokens.refreshJwt()))
                .isUnauthorized()).isTrue();
    }

    @Test
    void refreshJwtOfAnotherIssuerIsUnauthorized() throws Exception {
        String forged;
        try (DescopeEmulator other = EmulatedProject.start()) {
            forged = other.issueSession(ALICE, Map.of()).refreshJwt();
        }

        DescopeException e = catchThrowableOfType(DescopeException.class, () -> client.refresh(forged));

        assertThat(e.isUnauthorized()).isTrue();
    }

    @Test
    void keySetContainsTheCurrentSigningKey() throws Exception {
        String json = client.fetchKeySetJson();

        JWKSet keys = JWKSet.parse(json);
        assertThat(keys.getKeyByKeyId(emulator.signingKey().getKeyID())).isNotNull();
        assertThat(keys.getKeys()).allMatch(key -> !key.isPrivate());
    }

    @Test
    void otherProjectIsUnauthorized() {
        try (DescopeClient stranger = DescopeClient.create(EmulatedProject.configFor(emulator)
                .projectId("P2zzzzT2V93bddihGEx2Ryhc8e5Z").build())) {

            DescopeException e = catchThrowableOfType(DescopeException.class,
                    () -> stranger.magicLinkSignIn(DeliveryMethod.EMAIL, ALICE, null));

            assertThat(e.isUnauthorized()).isTrue();
        }
    }
}
