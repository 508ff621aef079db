package io.descopefilter.it.support;

import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Calls the emulator directly, as Descope would be called: to check what the filter did there (revocations). */
public final class DescopeApi {

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private DescopeApi() {
    }

    /** Whether Descope still accepts this refresh JWT ({@code POST /v1/auth/refresh} answers 200). */
    public static boolean refreshStillWorks(TestDescope descope, String refreshJwt) {
        return call(descope, "POST", "/v1/auth/refresh", refreshJwt).statusCode() == 200;
    }

    /** The user as Descope holds it ({@code GET /v1/auth/me}), e.g. to see an updated email address. */
    public static JsonObject me(TestDescope descope, String refreshJwt) {
        HttpResponse<String> response = call(descope, "GET", "/v1/auth/me", refreshJwt);
        if (response.statusCode() != 200) {
            throw new AssertionError("GET /v1/auth/me answered " + response.statusCode() + ": " + response.body());
        }
        return JsonEdit.parse(response.body());
    }

    private static HttpResponse<String> call(TestDescope descope, String method, String path, String refreshJwt) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(descope.emulator().baseUrl() + path))
                .header("Authorization", "Bearer " + TestDescope.PROJECT_ID + ":" + refreshJwt)
                .header("Content-Type", "application/json")
                .method(method, method.equals("GET") ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString("{}"))
                .timeout(Duration.ofSeconds(10))
                .build();
        try {
            return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
