package io.descopefilter.emulator;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/** Validated settings of one emulator instance; build it with {@link DescopeEmulator#builder()}. */
public record EmulatorConfig(String projectId, String managementKey, int port, List<String> approvedDomains,
                             String defaultRedirectUrl, Duration sessionTtl, Duration refreshTtl, Duration linkTtl,
                             Duration enchantedPendingTtl, boolean refreshTokenRotation, RateLimit rateLimit,
                             Clock clock, List<EmulatorUser> seedUsers) {

    /** Descope project IDs have at least 28 characters (the Java SDK rejects shorter ones). */
    public static final int MIN_PROJECT_ID_LENGTH = 28;

    public EmulatorConfig {
        if (projectId == null || projectId.length() < MIN_PROJECT_ID_LENGTH || !projectId.matches("[A-Za-z0-9]+")) {
            throw new IllegalArgumentException("the project ID must be at least 28 letters or digits");
        }
        if (managementKey == null || managementKey.isBlank() || managementKey.contains(":")
                || managementKey.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("the management key must be non-blank, without ':' or spaces");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("the port must be between 0 and 65535");
        }
        approvedDomains = List.copyOf(approvedDomains);
        approvedDomains.forEach(domain -> {
            if (domain.isBlank() || domain.contains("/") || domain.contains(":")) {
                throw new IllegalArgumentException("an approved domain is a host name such as localhost");
            }
        });
        if (defaultRedirectUrl != null) {
            URI uri = URI.create(defaultRedirectUrl);
            if (uri.getHost() == null || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
                throw new IllegalArgumentException("the default redirect URL must be an absolute http(s) URL");
            }
        }
        requirePositive(sessionTtl, "session TTL");
        requirePositive(refreshTtl, "refresh TTL");
        requirePositive(linkTtl, "link TTL");
        requirePositive(enchantedPendingTtl, "enchanted pending TTL");
        Objects.requireNonNull(rateLimit, "rateLimit");
        Objects.requireNonNull(clock, "clock");
        seedUsers = List.copyOf(seedUsers);
    }

    private static void requirePositive(Duration value, String name) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException("the " + name + " must be positive");
        }
    }

    /** Never prints the management key. */
    @Override
    public String toString() {
        return "EmulatorConfig[projectId=" + projectId + ", port=" + port + ", approvedDomains=" + approvedDomains
                + ", defaultRedirectUrl=" + defaultRedirectUrl + ", sessionTtl=" + sessionTtl + ", refreshTtl="
                + refreshTtl + ", linkTtl=" + linkTtl + ", refreshTokenRotation=" + refreshTokenRotation + "]";
    }
}
