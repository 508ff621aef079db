package io.descopefilter.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.descope.enums.DeliveryMethod;
import com.descope.exception.DescopeException;
import com.descope.model.auth.AuthenticationInfo;
import com.descope.model.magiclink.LoginOptions;
import com.descope.model.user.User;
import io.descopefilter.emulator.OutboxMessage;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Magic link by email: {@code /v1/auth/magiclink/signin/email} then {@code /v1/auth/magiclink/verify}. */
class MagicLinkConformanceTest {

    private static final String EMAIL = "carol@example.com";

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
    void signInMailsALinkToTheRedirectUrlCarryingTheToken() {
        String masked = project.magicLinks().signIn(DeliveryMethod.EMAIL, EMAIL, EmulatedProject.REDIRECT_URL, null, null);

        assertThat(masked).isNotBlank().isNotEqualTo(EMAIL);
        OutboxMessage message = project.latestMessageTo(EMAIL);
        assertThat(message.links()).singleElement().satisfies(link -> {
            assertThat(link.url()).startsWith(EmulatedProject.REDIRECT_URL + "?t=");
            assertThat(link.token()).isNotBlank();
        });
    }

    @Test
    void verifiedLinkYieldsSessionAndRefreshTokensOfTheSignedInUser() {
        project.magicLinks().signIn(DeliveryMethod.EMAIL, EMAIL, EmulatedProject.REDIRECT_URL, null, null);

        // verify() also validates both returned JWTs against the emulator's JWKS before it returns
        AuthenticationInfo info = project.magicLinks().verify(project.latestMagicLinkTokenTo(EMAIL));

        assertThat(info.getToken().getId()).isEqualTo(userId);
        assertThat(info.getRefreshToken().getId()).isEqualTo(userId);
        assertThat(info.getToken().getExpiration()).isGreaterThan(System.currentTimeMillis());
        assertThat(info.getUser().getUserId()).isEqualTo(userId);
        assertThat(info.getUser().getEmail()).isEqualTo(EMAIL);
        assertThat(project.auth().getRoles(info.getToken())).containsExactly("admin");
    }

    @Test
    void customClaimsFromTheLoginOptionsAppearInTheSession() {
        // with options the SDK also sends "stepup", "mfa", "revokeOtherSessions" and a stray "jwtrequired" field
        LoginOptions options = LoginOptions.builder().customClaims(Map.of("plan", "gold")).build();
        project.magicLinks().signIn(DeliveryMethod.EMAIL, EMAIL, EmulatedProject.REDIRECT_URL, null, options);

        AuthenticationInfo info = project.magicLinks().verify(project.latestMagicLinkTokenTo(EMAIL));

        assertThat(info.getToken().getClaims()).containsEntry("plan", "gold");
    }

    @Test
    void stepUpSignInPresentsTheRefreshTokenAndSignsInTheSameUser() {
        String refreshJwt = project.signInByMagicLink(EMAIL).getRefreshToken().getJwt();
        LoginOptions stepUp = LoginOptions.builder().stepup(true).build();

        project.magicLinks().signIn(DeliveryMethod.EMAIL, EMAIL, EmulatedProject.REDIRECT_URL, refreshJwt, stepUp);
        AuthenticationInfo info = project.magicLinks().verify(project.latestMagicLinkTokenTo(EMAIL));

        assertThat(info.getToken().getId()).isEqualTo(userId);
    }

    @Test
    void stepUpWithAnotherUsersRefreshTokenIsRefusedAndSendsNothing() {
        project.createUser("other@example.com");
        String othersRefreshJwt = project.signInByMagicLink("other@example.com").getRefreshToken().getJwt();
        LoginOptions stepUp = LoginOptions.builder().stepup(true).build();

        assertThatThrownBy(() -> project.magicLinks().signIn(
                        DeliveryMethod.EMAIL, EMAIL, EmulatedProject.REDIRECT_URL, othersRefreshJwt, stepUp))
                .isInstanceOf(DescopeException.class);
        assertThat(project.emulator().outbox().messagesTo(EMAIL)).isEmpty();
    }

    @Test
    void signUpCreatesTheUserWhoseLinkThenSignsThemIn() {
        String newcomer = "newcomer@example.com";
        User profile = new User();
        profile.setName("New Comer");

        project.magicLinks().signUp(DeliveryMethod.EMAIL, newcomer, EmulatedProject.REDIRECT_URL, profile);
        AuthenticationInfo info = project.magicLinks().verify(project.latestMagicLinkTokenTo(newcomer));

        assertThat(info.getToken().getId()).isNotBlank().isNotEqualTo(userId);
        assertThat(info.getUser().getEmail()).isEqualTo(newcomer);
        assertThat(info.getUser().getName()).isEqualTo("New Comer");
    }

    @Test
    void linkTokenCanBeVerifiedOnlyOnce() {
        project.magicLinks().signIn(DeliveryMethod.EMAIL, EMAIL, EmulatedProject.REDIRECT_URL, null, null);
        String token = project.latestMagicLinkTokenTo(EMAIL);
        project.magicLinks().verify(token);

        assertThatThrownBy(() -> project.magicLinks().verify(token)).isInstanceOf(DescopeException.class);
    }

    @Test
    void madeUpTokenIsRefused() {
        assertThatThrownBy(() -> project.magicLinks().verify("not-a-token-the-emulator-issued"))
                .isInstanceOf(DescopeException.class);
    }

    @Test
    void signInForAnUnknownEmailIsRefusedWithUserNotFoundAndSendsNothing() {
        String stranger = "stranger@example.com";

        assertThatThrownBy(() -> project.magicLinks().signIn(
                        DeliveryMethod.EMAIL, stranger, EmulatedProject.REDIRECT_URL, null, null))
                .isInstanceOfSatisfying(DescopeException.class, e -> assertThat(e.getCode()).isEqualTo("E062108"));
        assertThat(project.emulator().outbox().messagesTo(stranger)).isEmpty();
    }
}
