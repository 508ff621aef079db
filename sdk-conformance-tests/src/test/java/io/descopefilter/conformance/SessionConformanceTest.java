package io.descopefilter.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.descope.exception.DescopeException;
import com.descope.model.auth.AuthenticationInfo;
import com.descope.model.jwt.Token;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Session handling: the SDK validates session JWTs locally against {@code GET /v2/keys/<projectId>}, refreshes
 * with {@code POST /v1/auth/refresh} and ends sessions with {@code POST /v1/auth/logout} (both without a body).
 */
class SessionConformanceTest {

    private static final String EMAIL = "dave@example.com";
    private static final String KEYS_PATH = "/v2/keys/" + EmulatedProject.PROJECT_ID;
    private static final String REFRESH_PATH = "/v1/auth/refresh";
    /** The SDK's code for a JWT it refused locally (bad signature, unknown key, expired). */
    private static final String SDK_INVALID_TOKEN = "G030002";

    private EmulatedProject project;
    private String userId;
    private AuthenticationInfo signedIn;

    @BeforeEach
    void startProjectAndSignIn() {
        project = EmulatedProject.start();
        userId = project.createUser(EMAIL, "admin", "auditor").getUserId();
        signedIn = project.signInByMagicLink(EMAIL);
    }

    @AfterEach
    void stopProject() {
        project.close();
    }

    @Test
    void sessionValidatesLocallyWithTheKeyNamedByItsKid() {
        String sessionJwt = signedIn.getToken().getJwt();

        Token session = project.auth().validateSessionWithToken(sessionJwt);

        assertThat(session.getId()).isEqualTo(userId);
        assertThat(TokenForge.keyIdOf(sessionJwt)).isEqualTo(project.emulator().signingKey().getKeyID());
        assertThat(project.auth().validateRoles(session, List.of("admin", "auditor"))).isTrue();
        assertThat(project.auth().validateRoles(session, List.of("owner"))).isFalse();
        // fetched lazily at the first validation (inside verify), then served from the SDK's cache
        assertThat(project.emulator().requestCount(KEYS_PATH)).isEqualTo(1);
    }

    @Test
    void sessionSignedByAnUnpublishedKeyIsRefused() {
        String forged = TokenForge.copySignedByUnpublishedKey(signedIn.getToken().getJwt());

        assertThatThrownBy(() -> project.auth().validateSessionWithToken(forged))
                .isInstanceOfSatisfying(DescopeException.class, e -> assertThat(e.getCode()).isEqualTo(SDK_INVALID_TOKEN));
    }

    @Test
    void refreshIssuesAValidSessionForTheSameUser() {
        Token refreshed = project.auth().refreshSessionWithToken(signedIn.getRefreshToken().getJwt());

        assertThat(project.emulator().requestCount(REFRESH_PATH)).isEqualTo(1);
        assertThat(refreshed.getId()).isEqualTo(userId);
        assertThat(project.auth().validateSessionWithToken(refreshed.getJwt()).getId()).isEqualTo(userId);
        assertThat(project.auth().getRoles(refreshed)).containsExactlyInAnyOrder("admin", "auditor");
    }

    @Test
    void expiredSessionIsReplacedThroughTheRefreshToken() {
        String expired = TokenForge.expiredCopy(signedIn.getToken().getJwt(), project.emulator().signingKey());
        assertThatThrownBy(() -> project.auth().validateSessionWithToken(expired))
                .isInstanceOfSatisfying(DescopeException.class, e -> assertThat(e.getCode()).isEqualTo(SDK_INVALID_TOKEN));

        Token session = project.auth().validateAndRefreshSessionWithTokens(expired, signedIn.getRefreshToken().getJwt());

        assertThat(project.emulator().requestCount(REFRESH_PATH)).isEqualTo(1);
        assertThat(session.getId()).isEqualTo(userId);
        assertThat(session.getExpiration()).isGreaterThan(System.currentTimeMillis());
    }

    @Test
    void sdkFollowsASigningKeyRotationThroughTheJwks() {
        String oldSession = signedIn.getToken().getJwt();
        String oldKid = TokenForge.keyIdOf(oldSession);

        project.emulator().rotateKeys();
        Token refreshed = project.auth().refreshSessionWithToken(signedIn.getRefreshToken().getJwt());

        assertThat(TokenForge.keyIdOf(refreshed.getJwt()))
                .isEqualTo(project.emulator().signingKey().getKeyID())
                .isNotEqualTo(oldKid);
        // the unknown kid made the SDK fetch the key set again ...
        assertThat(project.emulator().requestCount(KEYS_PATH)).isEqualTo(2);
        // ... which still publishes the old key, so sessions issued before the rotation stay valid
        assertThat(project.auth().validateSessionWithToken(oldSession).getId()).isEqualTo(userId);
    }

    @Test
    void logoutRevokesTheRefreshToken() {
        String refreshJwt = signedIn.getRefreshToken().getJwt();

        project.auth().logout(refreshJwt);

        // the token still passes the SDK's local checks, so it is the emulator that refuses it
        assertThatThrownBy(() -> project.auth().refreshSessionWithToken(refreshJwt))
                .isInstanceOfSatisfying(DescopeException.class, e -> assertThat(e.getCode()).isNotEqualTo(SDK_INVALID_TOKEN));
        assertThat(project.emulator().requestCount(REFRESH_PATH)).isEqualTo(1);
        assertThatThrownBy(() -> project.auth().me(refreshJwt)).isInstanceOf(DescopeException.class);
    }

    @Test
    void logoutEndsOnlyItsOwnSession() {
        AuthenticationInfo otherDevice = project.signInByMagicLink(EMAIL);

        project.auth().logout(signedIn.getRefreshToken().getJwt());

        assertThat(project.auth().refreshSessionWithToken(otherDevice.getRefreshToken().getJwt()).getId())
                .isEqualTo(userId);
    }
}
