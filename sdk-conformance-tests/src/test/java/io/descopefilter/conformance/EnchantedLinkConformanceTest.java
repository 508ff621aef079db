package io.descopefilter.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.descope.exception.DescopeException;
import com.descope.model.auth.AuthenticationInfo;
import com.descope.model.enchantedlink.EnchantedLinkResponse;
import io.descopefilter.emulator.OutboxLink;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Enchanted link: sign-in returns a pending reference and the number shown to the user; the mail holds several
 * numbered links; only the one with that number, once verified, completes the polled pending session.
 */
class EnchantedLinkConformanceTest {

    private static final String EMAIL = "erin@example.com";
    /** What the service answers to a poll while the link is not yet verified (HTTP 401). */
    private static final String PENDING = "E062503";

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
    void signInReturnsAPendingReferenceAndTheNumberOfOneOfTheMailedLinks() {
        EnchantedLinkResponse started = signIn();

        assertThat(started.getPendingRef()).isNotBlank();
        assertThat(started.getMaskedEmail()).isNotBlank().isNotEqualTo(EMAIL);
        assertThat(started.getLinkId()).matches("\\d{1,2}");
        List<OutboxLink> links = project.latestMessageTo(EMAIL).links();
        assertThat(links).hasSizeGreaterThan(1);
        assertThat(links).extracting(OutboxLink::linkId).doesNotHaveDuplicates().contains(started.getLinkId());
    }

    @Test
    void pollIsPendingUntilTheLinkWithTheShownNumberIsVerified() {
        EnchantedLinkResponse started = signIn();

        assertThatThrownBy(() -> project.enchantedLinks().getSession(started.getPendingRef()))
                .isInstanceOfSatisfying(DescopeException.class, e -> assertThat(e.getCode()).isEqualTo(PENDING));

        project.enchantedLinks().verify(linkNumbered(started.getLinkId()).token());
        AuthenticationInfo session = project.enchantedLinks().getSession(started.getPendingRef());

        assertThat(session.getToken().getId()).isEqualTo(userId);
        assertThat(session.getRefreshToken().getId()).isEqualTo(userId);
        assertThat(project.auth().validateSessionWithToken(session.getToken().getJwt()).getId()).isEqualTo(userId);
        assertThat(project.auth().getRoles(session.getToken())).containsExactly("admin");
    }

    @Test
    void verifyingALinkWithAnotherNumberDoesNotCompleteTheSignIn() {
        EnchantedLinkResponse started = signIn();
        OutboxLink wrongLink = project.latestMessageTo(EMAIL).links().stream()
                .filter(link -> !link.linkId().equals(started.getLinkId()))
                .findFirst()
                .orElseThrow();

        assertThatThrownBy(() -> project.enchantedLinks().verify(wrongLink.token()))
                .isInstanceOf(DescopeException.class);
        assertThatThrownBy(() -> project.enchantedLinks().getSession(started.getPendingRef()))
                .isInstanceOfSatisfying(DescopeException.class, e -> assertThat(e.getCode()).isEqualTo(PENDING));
    }

    @Test
    void unknownPendingReferenceIsNotReportedAsPending() {
        assertThatThrownBy(() -> project.enchantedLinks().getSession("no-such-pending-ref"))
                .isInstanceOfSatisfying(DescopeException.class, e -> assertThat(e.getCode()).isNotEqualTo(PENDING));
    }

    private EnchantedLinkResponse signIn() {
        return project.enchantedLinks().signIn(EMAIL, EmulatedProject.REDIRECT_URL, null, null);
    }

    private OutboxLink linkNumbered(String linkId) {
        return project.latestMessageTo(EMAIL).links().stream()
                .filter(link -> link.linkId().equals(linkId))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no mailed link carries the number " + linkId));
    }
}
