package io.descopefilter.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;

/** Common link flows over raw HTTP, so tests read as the behaviour they check. */
final class Flows {

    private final DescopeEmulator emulator;
    private final EmulatorClient client;

    Flows(DescopeEmulator emulator, EmulatorClient client) {
        this.emulator = emulator;
        this.client = client;
    }

    /** Sends a magic sign-in link by email and returns its token from the outbox. */
    String magicLinkToken(String email) {
        Reply reply = client.post("/v1/auth/magiclink/signin/email", client.project(), body("loginId", email));
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return emulator.outbox().latestTo(email).orElseThrow().firstLink().token();
    }

    Reply verifyMagicLink(String token) {
        return client.post("/v1/auth/magiclink/verify", client.project(), body("token", token));
    }

    /** Signs the user in by magic link and returns the JWTResponse. */
    Reply login(String email) {
        Reply reply = verifyMagicLink(magicLinkToken(email));
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply;
    }

    String createUser(String loginId) {
        return emulator.createUser(EmulatorUser.builder(loginId).build());
    }

    /** A JSON object of string pairs. */
    static String body(String... keyValues) {
        var builder = Json.createObjectBuilder();
        for (int i = 0; i < keyValues.length; i += 2) {
            builder.add(keyValues[i], keyValues[i + 1]);
        }
        return builder.build().toString();
    }
}
