package io.descopefilter.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.descope.exception.DescopeException;
import com.descope.model.auth.AuthenticationInfo;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Embedded link: the management API ({@code POST /v1/mgmt/user/signin/embeddedlink}, no {@code timeout} field from
 * SDK 1.0.63) hands out a token that {@code /v1/auth/magiclink/verify} turns into a session.
 */
class EmbeddedLinkConformanceTest {

    private static final String EMAIL = "frank@example.com";

    private EmulatedProject project;
    private String userId;

    @BeforeEach
    void startProjectWithUser() {
        project = EmulatedProject.start();
        userId = project.createUser(EMAIL, "admin").getUserId();
    }

    @AfterEach
    void stopProject() {
        project.close();
    }

    @Test
    void embeddedLinkTokenVerifiesIntoASessionCarryingTheCustomClaims() {
        String token = project.users().generateEmbeddedLink(EMAIL, Map.of("plan", "gold"));

        AuthenticationInfo info = project.magicLinks().verify(token);

        assertThat(info.getToken().getId()).isEqualTo(userId);
        assertThat(info.getToken().getClaims()).containsEntry("plan", "gold");
        assertThat(project.auth().validateSessionWithToken(info.getToken().getJwt()).getClaims())
                .containsEntry("plan", "gold");
        assertThat(project.emulator().outbox().messagesTo(EMAIL)).as("an embedded link is never mailed").isEmpty();
    }

    @Test
    void embeddedLinkTokenCanBeVerifiedOnlyOnce() {
        String token = project.users().generateEmbeddedLink(EMAIL, Map.of());
        project.magicLinks().verify(token);

        assertThatThrownBy(() -> project.magicLinks().verify(token)).isInstanceOf(DescopeException.class);
    }

    @Test
    void embeddedLinkForAnUnknownUserIsRefused() {
        assertThatThrownBy(() -> project.users().generateEmbeddedLink("nobody@example.com", Map.of()))
                .isInstanceOf(DescopeException.class);
    }
}
