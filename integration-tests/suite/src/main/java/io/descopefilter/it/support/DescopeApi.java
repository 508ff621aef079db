package io.descopefilter.it.support;

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
        HttpRequest request = HttpRequest.newBuilder(URI.create(descope.emulator().baseUrl() + "/v1/auth/refresh"))
                .header("Authorization", "Bearer " + TestDescope.PROJECT_ID + ":" + refreshJwt)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}"))
                .timeout(Duration.ofSeconds(10))
                .build();
        try {
            return CLIENT.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
