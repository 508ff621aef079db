package io.descopefilter.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.descope.model.auth.AuthenticationInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Email change by magic link: {@code POST /v1/auth/magiclink/update/email} with {@code Bearer <pid>:<refresh>}
 * mails a link to the new address; the email changes only when that link is verified.
 */
class UpdateEmailConformanceTest {

    private static final String OLD_EMAIL = "grace@example.com";
    private static final String NEW_EMAIL = "grace.new@example.com";

    private EmulatedProject project;
    private String userId;
    private String refreshJwt;

    @BeforeEach
    void startProjectAndSignIn() {
        project = EmulatedProject.start();
        userId = project.createUser(OLD_EMAIL, "admin").getUserId();
        refreshJwt = project.signInByMagicLink(OLD_EMAIL).getRefreshToken().getJwt();
    }

    @AfterEach
    void stopProject() {
        project.close();
    }

    @Test
    void newEmailTakesEffectOnlyOnceItsLinkIsVerified() {
        String masked = project.magicLinks()
                .updateUserEmail(OLD_EMAIL, NEW_EMAIL, EmulatedProject.REDIRECT_URL, refreshJwt, null);

        assertThat(masked).isNotBlank().isNotEqualTo(NEW_EMAIL);
        assertThat(project.auth().me(refreshJwt).getEmail()).as("before verification").isEqualTo(OLD_EMAIL);

        AuthenticationInfo verified = project.magicLinks().verify(project.latestMagicLinkTokenTo(NEW_EMAIL));

        assertThat(verified.getToken().getId()).isEqualTo(userId);
        assertThat(verified.getUser().getEmail()).isEqualTo(NEW_EMAIL);
        assertThat(project.auth().me(refreshJwt).getUserId()).isEqualTo(userId);
        assertThat(project.auth().me(refreshJwt).getEmail()).isEqualTo(NEW_EMAIL);
    }

    @Test
    void updateLinkGoesToTheNewAddressOnly() {
        project.emulator().outbox().clear();

        project.magicLinks().updateUserEmail(OLD_EMAIL, NEW_EMAIL, EmulatedProject.REDIRECT_URL, refreshJwt, null);

        assertThat(project.emulator().outbox().messagesTo(NEW_EMAIL)).hasSize(1);
        assertThat(project.emulator().outbox().messagesTo(OLD_EMAIL)).isEmpty();
    }
}
