package io.descopefilter.core;

import static io.descopefilter.core.EmulatedProject.ALICE;
import static io.descopefilter.testsupport.Emulators.REDIRECT_URI;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.descopefilter.emulator.OutboxLink;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import io.descopefilter.emulator.DescopeEmulator;
import org.junit.jupiter.api.AfterEach;
import io.descopefilter.testsupport.Emulators;

/** Contract §3 against the emulator: enchanted link send, verify, poll and update. */
class EnchantedLinkContractTest {

    private final DescopeEmulator emulator = EmulatedProject.start();
    private final DescopeClient client = EmulatedProject.clientFor(emulator);

    @AfterEach
    void stopEmulatorAndClient() {
        client.close();
        emulator.close();
    }

    /** The link in the newest email to {@code to} whose number matches the one shown to the user. */
    private OutboxLink matchingLink(String to, EnchantedLinkResponse sent) {
        return emulator.outbox().latestTo(to).orElseThrow().links().stream()
                .filter(link -> sent.linkId().equals(link.linkId()))
                .findFirst().orElseThrow();
    }

    @Test
    void signInIsPendingUntilTheMatchingLinkIsVerifiedThenPollingYieldsTheSession() {
        EnchantedLinkResponse sent = client.enchantedLinkSignIn(ALICE, REDIRECT_URI);

        assertThat(sent.pendingRef()).isNotBlank();
        assertThat(sent.linkId()).isNotBlank();
        assertThat(sent.maskedEmail()).isNotBlank().doesNotContain("alice@");
        DescopeException pending = catchThrowableOfType(DescopeException.class,
                () -> client.enchantedLinkPendingSession(sent.pendingRef()));
        assertThat(pending.isPending()).isTrue();
        assertThat(pending.status()).isEqualTo(401);

        client.enchantedLinkVerify(matchingLink(ALICE, sent).token());
        JwtResponse session = client.enchantedLinkPendingSession(sent.pendingRef());

        assertThat(session.sessionJwt()).isNotBlank();
        assertThat(session.user().email()).isEqualTo(ALICE);
    }

    @Test
    void aLinkWithAnotherNumberDoesNotCompleteTheLogin_el() {
        EnchantedLinkResponse sent = client.enchantedLinkSignIn(ALICE, REDIRECT_URI);
        OutboxLink wrong = emulator.outbox().latestTo(ALICE).orElseThrow().links().stream()
                .filter(link -> !sent.linkId().equals(link.linkId()))
                .findFirst().orElseThrow();

        DescopeException e = catchThrowableOfType(DescopeException.class,
                () -> client.enchantedLinkVerify(wrong.token()));

        assertThat(e.isTokenExpiredOrUsed()).isTrue();
        assertThat(catchThrowableOfType(DescopeException.class,
                () -> client.enchantedLinkPendingSession(sent.pendingRef())).isPending()).isTrue();
    }

    @Test
    void verifiedSessionIsCollectedOnlyOnce() {
        EnchantedLinkResponse sent = client.enchantedLinkSignIn(ALICE, REDIRECT_URI);
        client.enchantedLinkVerify(matchingLink(ALICE, sent).token());
        client.enchantedLinkPendingSession(sent.pendingRef());

        DescopeException e = catchThrowableOfType(DescopeException.class,
                () -> client.enchantedLinkPendingSession(sent.pendingRef()));

        assertThat(e.isTokenExpiredOrUsed()).isTrue();
    }

    @Test
    void usedEnchantedTokenIsTokenExpiredOrUsed_tx01() {
        EnchantedLinkResponse sent = client.enchantedLinkSignIn(ALICE, REDIRECT_URI);
        String token = matchingLink(ALICE, sent).token();
        client.enchantedLinkVerify(token);

        DescopeException e = catchThrowableOfType(DescopeException.class, () -> client.enchantedLinkVerify(token));

        assertThat(e.isTokenExpiredOrUsed()).isTrue();
    }

    @Test
    void expiredPendingReferenceIsNoLongerPending() {
        EnchantedLinkResponse sent = client.enchantedLinkSignIn(ALICE, REDIRECT_URI);
        emulator.advanceClock(Emulators.PENDING_TTL.plus(Duration.ofSeconds(1)));

        DescopeException e = catchThrowableOfType(DescopeException.class,
                () -> client.enchantedLinkPendingSession(sent.pendingRef()));

        assertThat(e.isPending()).isFalse();
        assertThat(e.isTokenExpiredOrUsed()).isTrue();
    }

    @Test
    void signInOfUnknownUserIsUserNotFound() {
        DescopeException e = catchThrowableOfType(DescopeException.class,
                () -> client.enchantedLinkSignIn("nobody@example.com", REDIRECT_URI));

        assertThat(e.isUserNotFound()).isTrue();
    }

    @Test
    void signUpCreatesTheUserAndCompletesAfterVerify() {
        EnchantedLinkResponse sent = client.enchantedLinkSignUp("dave@example.com", REDIRECT_URI,
                SignUpUser.named("Dave"));
        client.enchantedLinkVerify(matchingLink("dave@example.com", sent).token());

        JwtResponse session = client.enchantedLinkPendingSession(sent.pendingRef());

        assertThat(session.user().name()).isEqualTo("Dave");
        assertThat(session.user().email()).isEqualTo("dave@example.com");
    }

    @Test
    void signUpOfExistingUserIsUserAlreadyExists() {
        DescopeException e = catchThrowableOfType(DescopeException.class,
                () -> client.enchantedLinkSignUp(ALICE, REDIRECT_URI, null));

        assertThat(e.isUserAlreadyExists()).isTrue();
    }

    @Test
    void signUpOrInWorksForNewAndExistingUsers() {
        EnchantedLinkResponse existing = client.enchantedLinkSignUpOrIn(ALICE, REDIRECT_URI);
        EnchantedLinkResponse fresh = client.enchantedLinkSignUpOrIn("erin@example.com", REDIRECT_URI,
                LoginOptions.builder().customClaims(Map.of("source", "test")).build());

        client.enchantedLinkVerify(matchingLink(ALICE, existing).token());
        client.enchantedLinkVerify(matchingLink("erin@example.com", fresh).token());

        assertThat(client.enchantedLinkPendingSession(existing.pendingRef()).user().email()).isEqualTo(ALICE);
        assertThat(client.enchantedLinkPendingSession(fresh.pendingRef()).user().email())
                .isEqualTo("erin@example.com");
    }

    @Test
    void stepupSignInWithRefreshJwtSucceeds() {
        String refreshJwt = emulator.issueSession(ALICE, Map.of()).refreshJwt();

        EnchantedLinkResponse sent = client.enchantedLinkSignIn(ALICE, REDIRECT_URI,
                LoginOptions.builder().stepup(true).build(), refreshJwt);

        assertThat(sent.pendingRef()).isNotBlank();
    }

    @Test
    void updateEmailChangesTheEmailOnceTheMatchingLinkIsVerified() {
        String refreshJwt = emulator.issueSession(ALICE, Map.of()).refreshJwt();

        EnchantedLinkResponse sent = client.enchantedLinkUpdateEmail(refreshJwt, ALICE, "alice2@example.com",
                REDIRECT_URI, UpdateOptions.builder().addToLoginIds(true).build());
        client.enchantedLinkVerify(matchingLink("alice2@example.com", sent).token());
        JwtResponse session = client.enchantedLinkPendingSession(sent.pendingRef());

        assertThat(session.user().email()).isEqualTo("alice2@example.com");
    }

    @Test
    void updateEmailWithoutValidSessionIsUnauthorized() {
        String refreshJwt = emulator.issueSession(ALICE, Map.of()).refreshJwt();
        client.logoutAll(refreshJwt);

        DescopeException e = catchThrowableOfType(DescopeException.class, () -> client.enchantedLinkUpdateEmail(
                refreshJwt, ALICE, "alice2@example.com", REDIRECT_URI, null));

        assertThat(e.isUnauthorized()).isTrue();
    }
}
