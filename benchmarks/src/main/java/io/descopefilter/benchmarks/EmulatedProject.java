package io.descopefilter.benchmarks;

import io.descopefilter.core.DescopeClient;
import io.descopefilter.core.DescopeClientConfig;
import io.descopefilter.emulator.DescopeEmulator;
import io.descopefilter.emulator.EmulatorTokens;
import io.descopefilter.emulator.EmulatorUser;
import io.descopefilter.emulator.RateLimit;

import java.time.Duration;
import java.util.List;

/**
 * One emulated Descope project shared by a benchmark: the emulator, a signed-in user's tokens, our client and the
 * official SDK, all pointed at it. Tokens live a day, so none expires during a run.
 */
final class EmulatedProject implements AutoCloseable {

    static final String PROJECT_ID = "P2aAc4T2V93bddihGEx2Ryhc8e5Z";
    static final String LOGIN_ID = "ada@example.com";

    final DescopeEmulator emulator;
    final EmulatorTokens tokens;
    final DescopeClient client;
    final com.descope.sdk.auth.AuthenticationService sdk;

    EmulatedProject() {
        emulator = DescopeEmulator.builder()
                .projectId(PROJECT_ID)
                .managementKey("K2benchmarkManagementKey0123456789abcdef")
                .port(0)
                .sessionTtl(Duration.ofDays(1))
                .rateLimit(RateLimit.unlimited())
                .start();
        // A realistic session: roles, permissions, a tenant and a couple of custom claims.
        emulator.createUser(EmulatorUser.builder(LOGIN_ID).email(LOGIN_ID).name("Ada Lovelace")
                .roles("editor", "viewer").permissions("doc.read", "doc.write")
                .tenant("T2aAc4T2V93bddihGEx2Ryhc8e5", List.of("tenant-admin"), List.of("billing.read"))
                .build());
        tokens = emulator.issueSession(LOGIN_ID, java.util.Map.of("plan", "gold", "region", "eu-west-1"));
        client = DescopeClient.create(DescopeClientConfig.builder().projectId(PROJECT_ID)
                .baseUrl(emulator.baseUrl()).build());
        try {
            sdk = new com.descope.client.DescopeClient(com.descope.client.Config.builder()
                    .projectId(PROJECT_ID)
                    .descopeBaseUrl(emulator.baseUrl())
                    .build()).getAuthenticationServices().getAuthService();
        } catch (com.descope.exception.DescopeException e) {
            throw new IllegalStateException("cannot create the Descope SDK client", e);
        }
    }

    @Override
    public void close() {
        client.close();
        emulator.close();
    }
}
