package io.descopefilter.conformance;

import com.descope.client.Config;
import com.descope.client.DescopeClient;
import com.descope.enums.DeliveryMethod;
import com.descope.model.auth.AuthenticationInfo;
import com.descope.model.user.request.UserRequest;
import com.descope.model.user.response.UserResponse;
import com.descope.sdk.auth.AuthenticationService;
import com.descope.sdk.auth.EnchantedLinkService;
import com.descope.sdk.auth.MagicLinkService;
import com.descope.sdk.mgmt.UserService;
import io.descopefilter.emulator.DescopeEmulator;
import io.descopefilter.emulator.OutboxMessage;
import java.util.List;

/**
 * One emulated Descope project, reached only through Descope's official Java SDK (unchanged, pointed at the
 * emulator through {@code Config.descopeBaseUrl}). Each test gets its own, so no state leaks between tests.
 */
final class EmulatedProject implements AutoCloseable {

    /** 28 characters: the shortest project ID the SDK accepts, and one without a region prefix. */
    static final String PROJECT_ID = "P2aAc4T2V93bddihGEx2Ryhc8e5Z";
    static final String MANAGEMENT_KEY = "K2conformanceManagementKey0000000000000000";
    static final String REDIRECT_URL = "http://localhost:8080/descope/verify";

    private final DescopeEmulator emulator;
    private final DescopeClient sdk;

    private EmulatedProject(DescopeEmulator emulator) {
        this.emulator = emulator;
        this.sdk = sdkWith(MANAGEMENT_KEY);
    }

    static EmulatedProject start() {
        return new EmulatedProject(DescopeEmulator.builder()
                .projectId(PROJECT_ID)
                .managementKey(MANAGEMENT_KEY)
                .port(0)
                .approvedDomains(List.of("localhost", "127.0.0.1"))
                .defaultRedirectUrl(REDIRECT_URL)
                .start());
    }

    DescopeEmulator emulator() {
        return emulator;
    }

    UserService users() {
        return sdk.getManagementServices().getUserService();
    }

    /** The management user API of a second SDK client that presents this management key instead. */
    UserService usersWithManagementKey(String managementKey) {
        return sdkWith(managementKey).getManagementServices().getUserService();
    }

    AuthenticationService auth() {
        return sdk.getAuthenticationServices().getAuthService();
    }

    MagicLinkService magicLinks() {
        return sdk.getAuthenticationServices().getMagicLinkService();
    }

    EnchantedLinkService enchantedLinks() {
        return sdk.getAuthenticationServices().getEnchantedLinkService();
    }

    /** Creates a user through the SDK's management API, as an administrator would. */
    UserResponse createUser(String email, String... roleNames) {
        UserRequest request = UserRequest.builder()
                .email(email)
                .verifiedEmail(true)
                .displayName("Conformance " + email)
                .roleNames(List.of(roleNames))
                .build();
        return users().create(email, request).getUser();
    }

    /** The last message the emulator "sent" to this address; fails the test when there is none. */
    OutboxMessage latestMessageTo(String address) {
        return emulator.outbox().latestTo(address)
                .orElseThrow(() -> new AssertionError("the emulator sent nothing to " + address));
    }

    /** The {@code t} value of the only link in the last message to this address. */
    String latestMagicLinkTokenTo(String address) {
        OutboxMessage message = latestMessageTo(address);
        if (message.links().size() != 1) {
            throw new AssertionError("expected one link to " + address + ", found " + message.links().size());
        }
        return message.links().get(0).token();
    }

    /** The whole magic link journey through the SDK: send the link, open it, verify its token. */
    AuthenticationInfo signInByMagicLink(String email) {
        magicLinks().signIn(DeliveryMethod.EMAIL, email, REDIRECT_URL, null, null);
        return magicLinks().verify(latestMagicLinkTokenTo(email));
    }

    private DescopeClient sdkWith(String managementKey) {
        return new DescopeClient(Config.builder()
                .projectId(PROJECT_ID)
                .managementKey(managementKey)
                .descopeBaseUrl(emulator.baseUrl())
                .build());
    }

    @Override
    public void close() {
        emulator.close();
    }
}
