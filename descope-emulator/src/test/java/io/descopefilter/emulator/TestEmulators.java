package io.descopefilter.emulator;

import java.util.List;

/** Emulator settings shared by the tests. */
final class TestEmulators {

    static final String PROJECT_ID = "P2aAc4T2V93bddihGEx2Ryhc8e5Z";
    static final String MANAGEMENT_KEY = "K2testManagementKeyForTheEmulator";
    static final String REDIRECT = "http://localhost:8080/descope/verify";

    private TestEmulators() {
    }

    static DescopeEmulator.Builder builder() {
        return DescopeEmulator.builder()
                .projectId(PROJECT_ID)
                .managementKey(MANAGEMENT_KEY)
                .port(0)
                .approvedDomains(List.of("localhost", "127.0.0.1"))
                .defaultRedirectUrl(REDIRECT);
    }
}
