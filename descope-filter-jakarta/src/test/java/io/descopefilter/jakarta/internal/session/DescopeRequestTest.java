package io.descopefilter.jakarta.internal.session;

import io.descopefilter.jakarta.DescopePrincipal;
import io.descopefilter.core.DescopeSession;
import io.descopefilter.core.TenantAccess;
import io.descopefilter.core.TokenKind;
import io.descopefilter.jakarta.testsupport.FakeRequest;
import io.descopefilter.jakarta.testsupport.FakeResponse;
import io.descopefilter.jakarta.RequestAttributes;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DescopeRequestTest {

    static DescopeSession session(String userId) {
        return new DescopeSession(TokenKind.SESSION, userId, List.of("alice@example.com"), "alice@example.com",
                "Alice", Set.of("viewer"), Set.of("read"),
                Map.of("t1", new TenantAccess(Set.of("editor"), Set.of("write")),
                        "t2", new TenantAccess(Set.of("owner"), Set.of())),
                "t1", List.of("email"), Instant.now(), Instant.now().plusSeconds(600), Map.of("plan", "gold"));
    }

    private static ResolvedSession resolved(DescopeSession session) {
        return new ResolvedSession(session, new SessionTokens("session.jwt", "refresh.jwt", -1), null);
    }

    /** Records what the wrapper asked the filter to do. */
    static final class RecordingActions implements DescopeRequest.Actions {
        int signOuts;
        int challenges;

        @Override
        public void signOut(HttpServletRequest request, HttpServletResponse response,
                            Optional<SessionTokens> current) {
            signOuts++;
        }

        @Override
        public void challenge(HttpServletRequest request, HttpServletResponse response) {
            challenges++;
        }
    }

    private final RecordingActions actions = new RecordingActions();

    @Test
    void thePrincipalComesFromTheValidatedSession() {
        DescopeRequest request = new DescopeRequest(new FakeRequest("GET", "/").proxy(), new FakeResponse().proxy(),
                resolved(session("U123")), actions);

        DescopePrincipal principal = request.getUserPrincipal();
        assertThat(principal.getName()).isEqualTo("U123");
        assertThat(principal.email()).isEqualTo("alice@example.com");
        assertThat(principal.displayName()).isEqualTo("Alice");
        assertThat(principal.loginIds()).containsExactly("alice@example.com");
        assertThat(principal.roles()).containsExactly("viewer");
        assertThat(principal.permissions()).containsExactly("read");
        assertThat(principal.tenants()).containsKeys("t1", "t2");
        assertThat(principal.claims()).containsEntry("plan", "gold");
        assertThat(request.getRemoteUser()).isEqualTo("U123");
        assertThat(request.getAuthType()).isEqualTo("DESCOPE");
    }

    @Test
    void isUserInRoleCoversProjectRolesAndTheCurrentTenantsRolesOnly() {
        DescopeRequest request = new DescopeRequest(new FakeRequest("GET", "/").proxy(), new FakeResponse().proxy(),
                resolved(session("U123")), actions);

        assertThat(request.isUserInRole("viewer")).isTrue();
        assertThat(request.isUserInRole("editor")).isTrue();
        assertThat(request.isUserInRole("owner")).isFalse();
        assertThat(request.isUserInRole("admin")).isFalse();
        assertThat(request.isUserInRole("**")).isTrue();
        assertThat(request.isUserInRole(null)).isFalse();
    }

    @Test
    void se09_spoofedHeadersAndAttributesNeverMakeAPrincipal() {
        FakeRequest spoofed = new FakeRequest("GET", "/").header("X-Forwarded-User", "admin")
                .header("REMOTE_USER", "admin").header("X-Remote-User", "admin")
                .attribute(RequestAttributes.SESSION, session("ADMIN"));
        DescopeRequest request = new DescopeRequest(spoofed.proxy(), new FakeResponse().proxy(), null, actions);

        assertThat(request.getUserPrincipal()).isNull();
        assertThat(request.getRemoteUser()).isNull();
        assertThat(request.getAuthType()).isNull();
        assertThat(request.isUserInRole("**")).isFalse();
    }

    @Test
    void logoutEndsTheSessionForTheRestOfTheRequest() {
        FakeRequest underlying = new FakeRequest("GET", "/").attribute(RequestAttributes.SESSION, session("U1"));
        DescopeRequest request = new DescopeRequest(underlying.proxy(), new FakeResponse().proxy(), resolved(session("U1")),
                actions);

        request.logout();

        assertThat(actions.signOuts).isEqualTo(1);
        assertThat(request.getUserPrincipal()).isNull();
        assertThat(request.getRemoteUser()).isNull();
        assertThat(underlying.attribute(RequestAttributes.SESSION)).isNull();
    }

    @Test
    void passwordLoginIsRefused() {
        DescopeRequest request = new DescopeRequest(new FakeRequest("GET", "/").proxy(), new FakeResponse().proxy(),
                null, actions);

        assertThatThrownBy(() -> request.login("alice", "secret")).isInstanceOf(ServletException.class)
                .hasMessageContaining("links");
    }

    @Test
    void authenticateChallengesOnlyWithoutASession() throws Exception {
        DescopeRequest anonymous = new DescopeRequest(new FakeRequest("GET", "/").proxy(), new FakeResponse().proxy(),
                null, actions);
        DescopeRequest signedIn = new DescopeRequest(new FakeRequest("GET", "/").proxy(), new FakeResponse().proxy(),
                resolved(session("U1")), actions);

        assertThat(signedIn.authenticate(new FakeResponse().proxy())).isTrue();
        assertThat(anonymous.authenticate(new FakeResponse().proxy())).isFalse();
        assertThat(actions.challenges).isEqualTo(1);
    }

    @Test
    void findSeesThroughTheApplicationsOwnWrappers() {
        DescopeRequest ours = new DescopeRequest(new FakeRequest("GET", "/").proxy(), new FakeResponse().proxy(),
                resolved(session("U1")), actions);
        HttpServletRequestWrapper theirs = new HttpServletRequestWrapper(ours);

        assertThat(DescopeRequest.find(theirs)).containsSame(ours);
        assertThat(DescopeRequest.find(new FakeRequest("GET", "/").proxy())).isEmpty();
    }
}
