package io.descopefilter.emulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Raw HTTP calls against a running emulator, with the Bearer forms of the contract. */
final class EmulatorClient {

    static final String CONTROL_HEADER = "X-Emulator-Control";

    private final DescopeEmulator emulator;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    EmulatorClient(DescopeEmulator emulator) {
        this.emulator = emulator;
    }

    /** {@code Bearer <ProjectID>}. */
    String project() {
        return "Bearer " + emulator.projectId();
    }

    /** {@code Bearer <ProjectID>:<ManagementKey>}. */
    String management() {
        return "Bearer " + emulator.projectId() + ":" + emulator.managementKey();
    }

    /** {@code Bearer <ProjectID>:<RefreshJWT>}. */
    String refresh(String refreshJwt) {
        return "Bearer " + emulator.projectId() + ":" + refreshJwt;
    }

    Reply post(String path, String authorization, String json) {
        HttpRequest.Builder request = request(path, authorization)
                .POST(json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        return send(request.build());
    }

    Reply get(String path, String authorization) {
        return send(request(path, authorization).GET().build());
    }

    Reply delete(String path) {
        return send(request(path, null).DELETE().build());
    }

    /** Sends without converting transport failures, for fault tests. */
    HttpResponse<String> sendRaw(HttpRequest request) throws IOException, InterruptedException {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    HttpRequest.Builder request(String path, String authorization) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(emulator.baseUrl() + path))
                .timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json");
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        if (path.startsWith("/emulator/")) {
            builder.header(CONTROL_HEADER, "1"); // state-changing control calls need it; GETs ignore it
        }
        return builder;
    }

    private Reply send(HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
