package io.descopefilter.core.client;

import io.descopefilter.emulator.DescopeEmulator;
import io.descopefilter.emulator.EmulatorUser;
import java.time.Duration;
import java.util.List;

/** Shared settings for client tests against the in-process emulator. */
final class TestEmulator {

    static final String PROJECT_ID = "P2aAc4T2V93bddihGEx2Ryhc8e5Z";
    static final String MANAGEMENT_KEY = "K2mgmtKeyForClientTests0123456789abcdef";
    static final String REDIRECT_URI = "http://localhost:8080/descope/verify";
    static final String ALICE = "alice@example.com";
    static final String ALICE_PHONE = "+15555550100";
    /** A user whose login ID is a phone number, for the phone channels. */
    static final String PHONE_USER = "+15555550111";
    static final Duration LINK_TTL = Duration.ofMinutes(10);
    static final Duration PENDING_TTL = Duration.ofMinutes(5);

    private TestEmulator() {
    }

    /** An emulator builder on an ephemeral loopback port with the test project and key. */
    static DescopeEmulator.Builder builder() {
        return DescopeEmulator.builder()
                .projectId(PROJECT_ID)
                .managementKey(MANAGEMENT_KEY)
                .port(0)
                .approvedDomains(List.of("localhost", "127.0.0.1"))
                .defaultRedirectUrl(REDIRECT_URI)
                .linkTtl(LINK_TTL)
                .enchantedPendingTtl(PENDING_TTL);
    }

    static DescopeEmulator start() {
        return builder().start();
    }

    /** Client settings pointing at the emulator, with the management key. */
    static DescopeClientConfig.Builder configFor(DescopeEmulator emulator) {
        return DescopeClientConfig.builder()
                .projectId(PROJECT_ID)
                .managementKey(MANAGEMENT_KEY)
                .baseUrl(emulator.baseUrl());
    }

    static DescopeClient clientFor(DescopeEmulator emulator) {
        return DescopeClient.create(configFor(emulator).build());
    }

    /** Seeds Alice (login ID: her email; she also has a phone) and a user whose login ID is a phone number. */
    static void seedAlice(DescopeEmulator emulator) {
        emulator.createUser(EmulatorUser.builder(ALICE).phone(ALICE_PHONE).name("Alice").build());
        emulator.createUser(EmulatorUser.builder(PHONE_USER).name("Phil").build());
    }

    /** The {@code t} token of the newest link sent to this address. */
    static String latestToken(DescopeEmulator emulator, String to) {
        return emulator.outbox().latestTo(to).orElseThrow().firstLink().token();
    }
}
