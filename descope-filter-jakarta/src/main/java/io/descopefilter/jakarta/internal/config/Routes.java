package io.descopefilter.jakarta.internal.config;

import java.util.Optional;

/**
 * The paths the filter knows, each relative to the context root: the application's login page and pages after
 * login and logout, the filter's own endpoints, and an optional application error page.
 */
public record Routes(
        String loginPage,
        String landingPath,
        String enchantedLandingPath,
        String pollPath,
        String logoutPath,
        String logoutAllPath,
        String tenantPath,
        String afterLoginPath,
        String afterLogoutPath,
        Optional<String> errorPage) {

    /** Whether {@code path} is one of the filter's own endpoints (landings, poll, logout, tenant selection). */
    public boolean isOwnEndpoint(String path) {
        return path.equals(landingPath) || path.equals(enchantedLandingPath) || path.equals(pollPath)
                || path.equals(logoutPath) || path.equals(logoutAllPath) || path.equals(tenantPath);
    }

    /** Paths every visitor may reach: the filter's endpoints, the login page and the error page. */
    public boolean isAlwaysPublic(String path) {
        return isOwnEndpoint(path) || path.equals(loginPage) || errorPage.map(path::equals).orElse(false);
    }
}
