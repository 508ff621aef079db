package io.descopefilter.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Runs the shaded jar the way a developer would and talks to it over HTTP. */
class ShadedJarIT {

    private static final String PID = TestEmulators.PROJECT_ID;
    private static final Pattern READY = Pattern.compile("Descope emulator listening on (http://127\\.0\\.0\\.1:\\d+)");

    @Test
    void theShadedJarStartsPrintsTheReadyLineAndServesKeysAndRecords() throws Exception {
        Path jar = Path.of(System.getProperty("emulator.jar", "target/descope-emulator.jar"));
        assertThat(jar).exists();
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(java.toString(), "-jar", jar.toString(), "--port", "0",
                "--project-id", PID, "--management-key", "K2itManagementKey", "--approved-domain", "localhost")
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        try {
            BufferedReader stdout = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            String line = CompletableFuture.supplyAsync(() -> readLine(stdout)).get(30, TimeUnit.SECONDS);
            Matcher ready = READY.matcher(line);
            assertThat(ready.matches()).as(line).isTrue();
            String baseUrl = ready.group(1);
            HttpClient http = HttpClient.newHttpClient();

            HttpResponse<String> keys = http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/v2/keys/" + PID))
                    .header("Authorization", "Bearer " + PID).GET().build(), HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> created = http.send(
                    HttpRequest.newBuilder(URI.create(baseUrl + "/v1/mgmt/user/create"))
                    .header("Authorization", "Bearer " + PID + ":K2itManagementKey")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"loginId\":\"alice@example.com\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(keys.statusCode()).isEqualTo(200);
            assertThat(json(keys.body()).getJsonArray("keys").getJsonObject(0).getString("kty")).isEqualTo("RSA");
            assertThat(created.statusCode()).isEqualTo(200);
            assertThat(json(created.body()).getJsonObject("user").getString("userId")).startsWith("U2");
        } finally {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    private static String readLine(BufferedReader reader) {
        try {
            String line = reader.readLine();
            return line == null ? "" : line;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonObject json(String body) {
        return Json.createReader(new StringReader(body)).readObject();
    }
}
