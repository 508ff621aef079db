package io.descopefilter.jakarta.internal.http;

import io.descopefilter.jakarta.internal.config.Routes;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class AccessPolicyTest {

    private final Routes routes = new Routes("/login", "/descope/verify", "/descope/enchanted", "/descope/poll",
            "/descope/logout", "/descope/logout-all", "/descope/tenant", "/", "/", Optional.of("/oops"));
    private final AccessPolicy policy = new AccessPolicy(routes, PathPatterns.forPublic(List.of("/assets/*")),
            PathPatterns.forProtected(List.of("/*")));

    @Test
    void protectsEverythingUnderSlashStar() {
        assertThat(policy.requiresSession("/")).isTrue();
        assertThat(policy.requiresSession("/orders/42")).isTrue();
    }

    @Test
    void publicPatternsCarveOutExceptions() {
        assertThat(policy.requiresSession("/assets/site.css")).isFalse();
    }

    @Test
    void loginErrorPageAndOwnEndpointsAreAlwaysPublic() {
        assertThat(policy.requiresSession("/login")).isFalse();
        assertThat(policy.requiresSession("/oops")).isFalse();
        assertThat(policy.requiresSession("/descope/verify")).isFalse();
        assertThat(policy.requiresSession("/descope/enchanted")).isFalse();
        assertThat(policy.requiresSession("/descope/poll")).isFalse();
        assertThat(policy.requiresSession("/descope/logout")).isFalse();
    }

    @Test
    void pathsOutsideTheProtectedListArePublic() {
        AccessPolicy onlyApp = new AccessPolicy(routes, PathPatterns.forPublic(List.of()),
                PathPatterns.forProtected(List.of("/app/*")));
        assertThat(onlyApp.requiresSession("/about")).isFalse();
        assertThat(onlyApp.requiresSession("/app/x")).isTrue();
        assertThat(onlyApp.requiresSession("/APP/x")).isTrue();
    }
}
