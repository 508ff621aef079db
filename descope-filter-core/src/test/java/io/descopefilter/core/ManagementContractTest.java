package io.descopefilter.core;

import static io.descopefilter.core.EmulatedProject.ALICE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.nimbusds.jwt.SignedJWT;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import io.descopefilter.emulator.DescopeEmulator;
import org.junit.jupiter.api.AfterEach;
import io.descopefilter.testsupport.Emulators;

/** Contract §4 and §13 against the emulator: embedded links and user create, with the management key. */
class ManagementContractTest {

    private final DescopeEmulator emulator = EmulatedProject.start();
    private final DescopeClient client = EmulatedProject.clientFor(emulator);

    @AfterEach
    void stopEmulatorAndClient() {
        client.close();
        emulator.close();
    }

    @Test
    void embeddedLinkTokenVerifiesToASessionWithTheCustomClaims() throws Exception {
        String token = client.generateEmbeddedLink(ALICE, Map.of("origin", "embedded", "level", 2), 0);

        JwtResponse session = client.magicLinkVerify(token);

        Map<String, Object> claims = SignedJWT.parse(session.sessionJwt()).getJWTClaimsSet().getClaims();
        assertThat(claims).containsEntry("origin", "embedded");
        assertThat(session.user().email()).isEqualTo(ALICE);
    }

    @Test
    void embeddedLinkTokenExpiresAfterItsTimeout() {
        String token = client.generateEmbeddedLink(ALICE, null, 30);
        emulator.advanceClock(Duration.ofSeconds(31));

        DescopeException e = catchThrowableOfType(DescopeException.class, () -> client.magicLinkVerify(token));

        assertThat(e.isTokenExpiredOrUsed()).isTrue();
    }

    @Test
    void embeddedLinkForUnknownUserIsUserNotFound() {
        DescopeException e = catchThrowableOfType(DescopeException.class,
                () -> client.generateEmbeddedLink("nobody@example.com", null, 0));

        assertThat(e.isUserNotFound()).isTrue();
    }

    @Test
    void signUpEmbeddedLinkCreatesTheUserAndItsTokenSignsIn() {
        String token = client.generateSignUpEmbeddedLink("frank@example.com",
                new SignUpUser("Frank", "Frank", null, "Smith", "frank@example.com", null), true, false,
                LoginOptions.builder().customClaims(Map.of("k", "v")).build(), 120);

        JwtResponse session = client.magicLinkVerify(token);

        assertThat(session.user().loginIds()).containsExactly("frank@example.com");
        assertThat(session.user().verifiedEmail()).isTrue();
        assertThat(session.user().familyName()).isEqualTo("Smith");
    }

    @Test
    void signUpEmbeddedLinkForExistingUserIsUserAlreadyExists() {
        DescopeException e = catchThrowableOfType(DescopeException.class,
                () -> client.generateSignUpEmbeddedLink(ALICE, null, false, false, null, 0));

        assertThat(e.isUserAlreadyExists()).isTrue();
    }

    @Test
    void createUserReturnsTheCreatedUserWhoCanThenSignIn() {
        DescopeUser created = client.createUser(UserCreateRequest.builder("grace@example.com")
                .email("grace@example.com", true)
                .phone("+15555550123", true)
                .displayName("Grace")
                .roleNames(List.of("admin"))
                .userTenants(List.of(new UserCreateRequest.Tenant("t1", "Tenant 1", List.of("editor"))))
                .customAttributes(Map.of("team", "core"))
                .build());

        assertThat(created.userId()).isNotBlank();
        assertThat(created.loginIds()).containsExactly("grace@example.com");
        assertThat(created.name()).isEqualTo("Grace");
        assertThat(created.verifiedEmail()).isTrue();
        assertThat(created.roleNames()).containsExactly("admin");
        assertThat(created.userTenants()).extracting(DescopeUser.Tenant::tenantId).containsExactly("t1");
        assertThat(created.customAttributes()).containsEntry("team", "core");

        client.magicLinkSignIn(DeliveryMethod.EMAIL, "grace@example.com", Emulators.REDIRECT_URI);
        assertThat(emulator.outbox().latestTo("grace@example.com")).isPresent();
    }

    @Test
    void createExistingUserIsUserAlreadyExists() {
        DescopeException e = catchThrowableOfType(DescopeException.class,
                () -> client.createUser(UserCreateRequest.builder(ALICE).build()));

        assertThat(e.isUserAlreadyExists()).isTrue();
    }

    @Test
    void wrongManagementKeyIsUnauthorized() {
        try (DescopeClient wrongKey = DescopeClient.create(EmulatedProject.configFor(emulator)
                .managementKey("K2wrongManagementKey000000000000").build())) {

            DescopeException e = catchThrowableOfType(DescopeException.class,
                    () -> wrongKey.generateEmbeddedLink(ALICE, null, 0));

            assertThat(e.isUnauthorized()).isTrue();
            assertThat(e.status()).isEqualTo(401);
        }
    }

    @Test
    void managementCallWithoutConfiguredKeyFailsBeforeAnyHttpCall() {
        try (DescopeClient noKey = DescopeClient.create(EmulatedProject.configFor(emulator).managementKey(null)
                .build())) {

            assertThatThrownBy(() -> noKey.createUser(UserCreateRequest.builder("h@example.com").build()))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("management key");
            assertThatThrownBy(() -> noKey.generateEmbeddedLink(ALICE, null, 0))
                    .isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> noKey.generateSignUpEmbeddedLink("h@example.com", null, false, false, null, 0))
                    .isInstanceOf(IllegalStateException.class);
            assertThat(emulator.requestCount("/v1/mgmt/user/create")).isZero();
            assertThat(emulator.requestCount("/v1/mgmt/user/signin/embeddedlink")).isZero();
            assertThat(emulator.requestCount("/v1/mgmt/user/signup/embeddedlink")).isZero();
        }
    }
}
