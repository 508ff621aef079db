package io.descopefilter.core;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import io.descopefilter.testsupport.TestClock;

import static io.descopefilter.core.TestKeys.SIGNING;
import static io.descopefilter.core.TestTokens.PROJECT_ID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What a validated token yields, and the authorization helpers with the {@code dct} rule (contract §7). */
class DescopeSessionTest {

    private final TestClock clock = TestClock.startingNow();
    private final SessionValidator validator = SessionValidator.create(SessionValidatorConfig.builder(PROJECT_ID)
            .clock(clock).keyFetchExecutor(Runnable::run).build(), new CountingKeySource(TestKeys.jwks(SIGNING)));

    private TestTokens token() {
        return TestTokens.session(SIGNING, clock.instant());
    }

    private DescopeSession sessionOf(TestTokens token) {
        return validator.validateSession(token.signedWith(SIGNING)).session().orElseThrow();
    }

    @Test
    void claimsAreMappedOntoTheSession() {
        Instant now = clock.instant();
        DescopeSession session = sessionOf(token()
                .claim("loginIds", List.of("ada@example.com"))
                .claim("email", "ada@example.com")
                .claim("name", "Ada")
                .claim("roles", List.of("editor", "viewer"))
                .claim("permissions", List.of("doc.read"))
                .claim("tenants", Map.of("T1", Map.of("roles", List.of("admin"), "permissions", List.of("t.write"),
                        "tenantName", "Acme")))
                .claim("dct", "T1")
                .claim("amr", List.of("email", "mfa"))
                .claim("plan", "gold")
                .claim("prefs", Map.of("theme", List.of("dark"))));

        assertThat(session.kind()).isEqualTo(TokenKind.SESSION);
        assertThat(session.userId()).isEqualTo("U2Cu0j0WPw3YOiPISJb52L0wUVMg");
        assertThat(session.loginIds()).containsExactly("ada@example.com");
        assertThat(session.email()).isEqualTo("ada@example.com");
        assertThat(session.name()).isEqualTo("Ada");
        assertThat(session.roles()).containsExactlyInAnyOrder("editor", "viewer");
        assertThat(session.permissions()).containsExactly("doc.read");
        assertThat(session.tenants()).containsOnlyKeys("T1");
        assertThat(session.accessIn("T1")).isEqualTo(new TenantAccess(java.util.Set.of("admin"), java.util.Set.of("t.write")));
        assertThat(session.currentTenant()).isEqualTo("T1");
        assertThat(session.authenticationMethods()).containsExactly("email", "mfa");
        assertThat(session.issuedAt()).isEqualTo(now);
        assertThat(session.expiresAt()).isEqualTo(now.plusSeconds(600));
        assertThat(session.customClaims()).containsOnlyKeys("plan", "prefs").containsEntry("plan", "gold");
        assertThatThrownBy(() -> session.customClaims().put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
        @SuppressWarnings("unchecked")
        Map<String, Object> prefs = (Map<String, Object>) session.customClaims().get("prefs");
        assertThatThrownBy(() -> prefs.put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> ((List<?>) prefs.get("theme")).clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void dsubOverridesSubAsTheUserId() {
        assertThat(sessionOf(token().claim("dsub", "U-delegated")).userId()).isEqualTo("U-delegated");
    }

    @Test
    void absentOptionalClaimsAreEmptyOrNull() {
        DescopeSession session = sessionOf(token().without("iat").without("amr"));

        assertThat(session.loginIds()).isEmpty();
        assertThat(session.email()).isNull();
        assertThat(session.roles()).isEmpty();
        assertThat(session.tenants()).isEmpty();
        assertThat(session.currentTenant()).isNull();
        assertThat(session.authenticationMethods()).isEmpty();
        assertThat(session.issuedAt()).isNull();
        assertThat(session.customClaims()).isEmpty();
    }

    @Test
    void projectLevelRolesAndPermissions() {
        DescopeSession session = sessionOf(token().claim("roles", List.of("editor")).claim("permissions", List.of("doc.read")));

        assertThat(session.hasRole("editor")).isTrue();
        assertThat(session.hasRole("admin")).isFalse();
        assertThat(session.hasPermission("doc.read")).isTrue();
        assertThat(session.hasPermission("doc.write")).isFalse();
    }

    @Test
    void tenantRolesComeFromTheTenantsClaimOnly() {
        DescopeSession session = sessionOf(token()
                .claim("roles", List.of("project-admin"))
                .claim("tenants", Map.of("T1", Map.of("roles", List.of("t-admin")), "T2", Map.of()))
                .claim("dct", "T2"));

        assertThat(session.hasTenantRole("T1", "t-admin")).isTrue();
        assertThat(session.hasTenantRole("T1", "project-admin")).isFalse();
        assertThat(session.hasTenantRole("T9", "t-admin")).isFalse();
        assertThat(session.hasTenantRole(null, "t-admin")).isFalse();
        // dct names T2, but a tenants claim is present: no fallback to project-level roles.
        assertThat(session.hasTenantRole("T2", "project-admin")).isFalse();
        assertThat(session.hasRole("t-admin")).isFalse();
    }

    @Test
    void withoutTenantsClaimTheCurrentTenantHoldsTheTopLevelRolesAndPermissions() {
        DescopeSession session = sessionOf(token()
                .claim("roles", List.of("admin"))
                .claim("permissions", List.of("billing.read"))
                .claim("dct", "T1"));

        assertThat(session.hasTenantRole("T1", "admin")).isTrue();
        assertThat(session.hasTenantPermission("T1", "billing.read")).isTrue();
        assertThat(session.hasTenantRole("T2", "admin")).isFalse();
        assertThat(session.hasRole("admin")).isTrue();
    }

    @Test
    void malformedAuthorizationClaimsRefuseTheToken() {
        for (TestTokens token : List.of(
                token().claim("roles", "admin"),
                token().claim("roles", List.of("admin", 7)),
                token().claim("permissions", Map.of("a", true)),
                token().claim("tenants", List.of("T1")),
                token().claim("tenants", Map.of("T1", "admin")),
                token().claim("tenants", Map.of("T1", Map.of("roles", "admin"))),
                token().claim("dct", List.of("T1")),
                token().claim("amr", "email"),
                token().claim("sub", 42),
                token().without("sub"),
                token().claim("email", false))) {
            assertThat(validator.validateSession(token.signedWith(SIGNING)).rejection())
                    .contains(Rejection.MALFORMED_CLAIMS);
        }
    }

    @Test
    void toStringCarriesNoClaimsBeyondTheUserId() {
        DescopeSession session = sessionOf(token().claim("email", "ada@example.com").claim("secret", "s3cr3t"));

        assertThat(session.toString()).contains("U2Cu0j0WPw3YOiPISJb52L0wUVMg")
                .doesNotContain("ada@example.com").doesNotContain("s3cr3t");
    }
}
