package io.descopefilter.reliability;

import io.descopefilter.emulator.EmulatorTokens;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The kinds of request the scenarios send. */
final class Traffic {

    final Harness harness;
    final List<EmulatorTokens> sessions = new ArrayList<>();
    final String csrf;

    Traffic(Harness harness) throws Exception {
        this.harness = harness;
        for (int i = 0; i < Harness.Users.COUNT; i++) {
            sessions.add(harness.emulator.issueSession(Harness.Users.email(i)));
        }
        HttpResponse<String> page = Load.CLIENT.send(Load.get(harness.base + "/csrf").build(),
                HttpResponse.BodyHandlers.ofString());
        this.csrf = page.body();
    }

    /** A signed-in user with a valid session JWT (the hot path). */
    HttpRequest signedIn(long n) {
        EmulatorTokens tokens = sessions.get((int) (n % sessions.size()));
        return Load.get(harness.base + "/app/hello")
                .header("Cookie", "DS=" + tokens.sessionJwt() + "; DSR=" + tokens.refreshJwt()).build();
    }

    /** A user whose session JWT is gone: the filter must refresh with Descope. */
    HttpRequest refreshOnly(String refreshJwt, String client) {
        return Load.get(harness.base + "/app/hello").header("Cookie", "DSR=" + refreshJwt)
                .header("X-Forwarded-For", client).build();
    }

    /** A link landing in direct mode: the GET verifies the token with Descope. */
    HttpRequest landing(String token, String client) {
        return Load.get(harness.base + "/descope/verify?t=" + token).header("X-Forwarded-For", client).build();
    }

    /** A magic link send through DescopeLinks from the application's page. */
    HttpRequest send(String email, String client) {
        return HttpRequest.newBuilder(URI.create(harness.base + "/send")).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Cookie", "DSCSRF=" + csrf).header("X-CSRF-Token", csrf)
                .header("X-Forwarded-For", client)
                .POST(HttpRequest.BodyPublishers.ofString("email=" + email)).build();
    }

    int status(HttpRequest request) throws Exception {
        return Load.CLIENT.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
