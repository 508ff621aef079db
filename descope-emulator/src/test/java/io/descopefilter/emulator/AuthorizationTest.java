package io.descopefilter.emulator;

import static io.descopefilter.emulator.Flows.body;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AuthorizationTest {

    private static final String OTHER_PROJECT = "P2otherProjectIdOfAtLeast28Chars";

    private DescopeEmulator emulator;
    private EmulatorClient client;

    @BeforeEach
    void start() {
        emulator = TestEmulators.builder().start();
        client = new EmulatorClient(emulator);
        emulator.createUser(EmulatorUser.builder("alice@example.com").build());
    }

    @AfterEach
    void stop() {
        emulator.close();
    }

    @Test
    void aWrongProjectIdIsUnauthorized() {
        Reply reply = client.post("/v1/auth/magiclink/signin/email", "Bearer " + OTHER_PROJECT,
                body("loginId", "alice@example.com"));

        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.errorCode()).isEqualTo("E062803");
        assertThat(emulator.outbox().messages()).isEmpty();
    }

    @Test
    void aMissingAuthorizationHeaderIsUnauthorized() {
        Reply reply = client.post("/v1/auth/magiclink/signin/email", null, body("loginId", "alice@example.com"));

        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.errorCode()).isEqualTo("E062802");
    }

    @Test
    void aNonBearerAuthorizationIsUnauthorized() {
        Reply reply = client.get("/v2/keys/" + TestEmulators.PROJECT_ID, "Basic " + TestEmulators.PROJECT_ID);

        assertThat(reply.status()).isEqualTo(401);
    }

    @Test
    void theKeysEndpointNeedsTheProjectInHeaderAndPath() {
        assertThat(client.get("/v2/keys/" + TestEmulators.PROJECT_ID, client.project()).status()).isEqualTo(200);
        assertThat(client.get("/v2/keys/" + OTHER_PROJECT, client.project()).status()).isEqualTo(401);
        assertThat(client.get("/v2/keys/" + TestEmulators.PROJECT_ID, "Bearer " + OTHER_PROJECT).status())
                .isEqualTo(401);
        // Descope serves its JWKS without credentials, so no Authorization header at all is fine
        assertThat(client.get("/v2/keys/" + TestEmulators.PROJECT_ID, null).status()).isEqualTo(200);
    }

    @Test
    void managementCallsNeedTheManagementKey() {
        String create = body("loginId", "bob@example.com");

        Reply projectOnly = client.post("/v1/mgmt/user/create", client.project(), create);
        Reply wrongKey = client.post("/v1/mgmt/user/create", "Bearer " + TestEmulators.PROJECT_ID + ":K2wrong", create);
        Reply wrongProject = client.post("/v1/mgmt/user/create",
                "Bearer " + OTHER_PROJECT + ":" + TestEmulators.MANAGEMENT_KEY, create);
        Reply right = client.post("/v1/mgmt/user/create", client.management(), create);

        assertThat(projectOnly.status()).isEqualTo(401);
        assertThat(projectOnly.errorCode()).isEqualTo("E062803");
        assertThat(wrongKey.status()).isEqualTo(401);
        assertThat(wrongProject.status()).isEqualTo(401);
        assertThat(right.status()).isEqualTo(200);
    }

    @Test
    void aRefreshJwtIsNotAManagementKey() {
        String refreshJwt = emulator.issueSession("alice@example.com").refreshJwt();

        Reply reply = client.post("/v1/mgmt/user/signin/embeddedlink", client.refresh(refreshJwt),
                body("loginId", "alice@example.com"));

        assertThat(reply.status()).isEqualTo(401);
    }

    @Test
    void aTrailingAuthManagementKeyIsIgnored() {
        String refreshJwt = emulator.issueSession("alice@example.com").refreshJwt();

        Reply publicCall = client.post("/v1/auth/magiclink/signin/email", client.project() + ":K2authKey",
                body("loginId", "alice@example.com"));
        Reply sessionCall = client.get("/v1/auth/me", client.refresh(refreshJwt) + ":K2authKey");

        assertThat(publicCall.status()).isEqualTo(200);
        assertThat(sessionCall.status()).isEqualTo(200);
    }

    @Test
    void theProjectIdHeaderMayBeAbsentButMustMatchWhenPresent() throws Exception {
        HttpRequest matching = client.request("/v2/keys/" + TestEmulators.PROJECT_ID, client.project())
                .header("x-descope-project-id", TestEmulators.PROJECT_ID).GET().build();
        HttpRequest mismatching = client.request("/v2/keys/" + TestEmulators.PROJECT_ID, client.project())
                .header("x-descope-project-id", OTHER_PROJECT).GET().build();

        HttpResponse<String> ok = client.sendRaw(matching);
        HttpResponse<String> rejected = client.sendRaw(mismatching);

        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(rejected.statusCode()).isEqualTo(401);
    }

    @Test
    void unknownPathsAndMethodsAnswerJsonErrors() {
        Reply unknown = client.get("/v1/auth/nothing-here", client.project());
        Reply wrongMethod = client.get("/v1/auth/magiclink/verify", client.project());

        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.errorCode()).isEqualTo("E011001");
        assertThat(wrongMethod.status()).isEqualTo(405);
        assertThat(wrongMethod.header("Content-Type")).startsWith("application/json");
    }
}
