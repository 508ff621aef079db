package io.descopefilter.testsupport;

import io.descopefilter.emulator.DescopeEmulator;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The one way tests start a {@link DescopeEmulator}: an in-process emulator on an ephemeral 127.0.0.1 port, with a
 * known project ID and management key. Close it when done (it is {@link AutoCloseable}).
 *
 * <pre>{@code
 * try (DescopeEmulator emulator = Emulators.start(b -> b.clock(clock).refreshTokenRotation(true))) { ... }
 * }</pre>
 */
public final class Emulators {

    /** A 28-character project ID without a region, so clients default to {@code https://api.descope.com}. */
    public static final String PROJECT_ID = "P2aAc4T2V93bddihGEx2Ryhc8e5Z";
    public static final String MANAGEMENT_KEY = "K2mgmtKeyForClientTests0123456789abcdef";
    /** Where links point when a request names no redirect URI. */
    public static final String REDIRECT_URI = "http://localhost:8080/descope/verify";
    /** Hosts redirect URIs may point at. */
    public static final List<String> APPROVED_DOMAINS = List.of("localhost", "127.0.0.1");
    public static final Duration LINK_TTL = Duration.ofMinutes(10);
    public static final Duration PENDING_TTL = Duration.ofMinutes(5);

    private Emulators() {
    }

    /** A builder with the defaults above, for a test that needs one before starting; prefer {@link #start}. */
    public static DescopeEmulator.Builder builder() {
        return DescopeEmulator.builder()
                .projectId(PROJECT_ID)
                .managementKey(MANAGEMENT_KEY)
                .port(0)
                .approvedDomains(APPROVED_DOMAINS)
                .defaultRedirectUrl(REDIRECT_URI)
                .linkTtl(LINK_TTL)
                .enchantedPendingTtl(PENDING_TTL);
    }

    /** A running emulator with the defaults. */
    public static DescopeEmulator start() {
        return builder().start();
    }

    /** A running emulator with the defaults, changed by {@code settings} (a clock, TTLs, rotation, seed users...). */
    public static DescopeEmulator start(Consumer<DescopeEmulator.Builder> settings) {
        DescopeEmulator.Builder builder = builder();
        Objects.requireNonNull(settings, "settings").accept(builder);
        return builder.start();
    }
}
