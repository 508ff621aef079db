package io.descopefilter.sample.launcher;

import io.descopefilter.core.DeliveryMethod;
import io.descopefilter.core.DescopeClient;
import io.descopefilter.core.DescopeClientConfig;
import io.descopefilter.core.UpdateOptions;
import io.descopefilter.emulator.DescopeEmulator;
import io.descopefilter.emulator.EmulatorUser;
import io.descopefilter.emulator.OutboxLink;

import java.io.UncheckedIOException;
import java.net.BindException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Dev mode: the Descope emulator in this process, seeded with the {@link DemoUsers}, and the settings that point the
 * sample at it. These settings reach the WAR only as context parameters of this deployment, so a WAR deployed
 * elsewhere with a real Descope project has none of them.
 */
final class DevDescope implements AutoCloseable {

    /** Any 28+ letters and digits will do for the emulator; this one says what it is. */
    static final String PROJECT_ID = "P2LocalSampleEmulatorProject0";

    private final DescopeEmulator emulator;

    private DevDescope(DescopeEmulator emulator) {
        this.emulator = emulator;
    }

    /** Starts the emulator on {@code port} (0: any), accepting links back to {@code localhost} only. */
    static DevDescope start(int port, String publicBaseUrl) {
        return start(port, publicBaseUrl, null);
    }

    /** Like {@link #start(int, String)}, with session JWTs that last {@code sessionTtl} ({@code null}: default). */
    static DevDescope start(int port, String publicBaseUrl, Duration sessionTtl) {
        DescopeEmulator emulator;
        try {
            DescopeEmulator.Builder builder = DescopeEmulator.builder()
                    .projectId(PROJECT_ID)
                    .managementKey(randomKey())
                    .port(port)
                    .approvedDomains(List.of("localhost"))
                    .defaultRedirectUrl(publicBaseUrl + "/descope/verify");
            if (sessionTtl != null) {
                builder.sessionTtl(sessionTtl);
            }
            emulator = builder.start();
        } catch (UncheckedIOException e) {
            if (e.getCause() instanceof BindException) {
                throw new PortInUseException("the Descope emulator", port, "sample.emulatorPort", e);
            }
            throw e;
        }
        try {
            DemoUsers.ALL.forEach(user -> seed(emulator, user));
        } catch (RuntimeException e) {
            emulator.close();
            throw e;
        }
        return new DevDescope(emulator);
    }

    DescopeEmulator emulator() {
        return emulator;
    }

    String outboxUrl() {
        return emulator.baseUrl() + "/emulator/outbox.html";
    }

    /** The filter's settings for the emulator, and the sample's dev-mode hints, as context parameters. */
    Map<String, String> contextParameters(String publicBaseUrl) {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("projectId", emulator.projectId());
        parameters.put("managementKey", emulator.managementKey());
        parameters.put("baseUrl", emulator.baseUrl());
        parameters.put("publicBaseUrl", publicBaseUrl);
        // Browsers keep Secure cookies from plain http only on some hosts; the emulator runs on http://localhost.
        parameters.put("cookieSecure", "false");
        // web.xml makes the account page a step-up path; in dev mode a sign-in counts as recent for 5 minutes.
        parameters.put("stepUpMaxAge", "300");
        parameters.put("sample.devOutboxUrl", outboxUrl());
        parameters.put("sample.devUsers", String.join(";", DemoUsers.descriptions()));
        return parameters;
    }

    @Override
    public void close() {
        emulator.close();
    }

    /**
     * Creates the user, then makes their phone number a second login ID the way Descope does it: the user asks to
     * update their phone with "add to login IDs" and opens the link sent to it. Then "text me a link" to that
     * number signs in the same user.
     */
    private static void seed(DescopeEmulator emulator, EmulatorUser user) {
        emulator.createUser(user);
        if (user.phone() == null) {
            return;
        }
        DescopeClientConfig config = DescopeClientConfig.builder().projectId(emulator.projectId())
                .baseUrl(emulator.baseUrl()).build();
        try (DescopeClient client = DescopeClient.create(config)) {
            String refreshJwt = emulator.issueSession(user.loginId()).refreshJwt();
            client.magicLinkUpdatePhone(refreshJwt, DeliveryMethod.SMS, user.loginId(), user.phone(), null,
                    UpdateOptions.builder().addToLoginIds(true).build());
            OutboxLink link = emulator.outbox().latestTo(user.phone()).orElseThrow().links().get(0);
            client.magicLinkVerify(link.token());
        }
        emulator.outbox().clear();
    }

    private static String randomKey() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return "K2" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes).replace('-', 'x').replace('_', 'y');
    }
}
