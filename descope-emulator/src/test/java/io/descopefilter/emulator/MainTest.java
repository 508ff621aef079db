package io.descopefilter.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MainTest {

    private static final String PID = TestEmulators.PROJECT_ID;

    private record Outcome(int status, String out, String err) {
    }

    private static Outcome runToCompletion(String... args) throws InterruptedException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), new CountDownLatch(0));
        return new Outcome(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "--port 4500 --project-id P2short --management-key K2x",
            "--port abc --project-id " + PID + " --management-key K2x",
            "--port 70000 --project-id " + PID + " --management-key K2x",
            "--project-id " + PID + " --management-key K2x --bogus 1",
            "--project-id " + PID,
            "--management-key K2x",
            "--project-id " + PID + " --management-key",
            "--project-id " + PID + " --management-key K2x --session-ttl 0",
            "--project-id " + PID + " --management-key K2x --link-ttl ten",
            "--project-id " + PID + " --management-key K2x --default-redirect-url ftp://x/y",
            "--project-id " + PID + " --project-id " + PID + " --management-key K2x",
            "--project-id P2aAc4T2V93bddihGEx2Ryhc8e5Z! --management-key K2x"})
    void badCommandLinesPrintUsageAndExitWithStatusTwo(String commandLine) throws Exception {
        Outcome outcome = runToCompletion(commandLine.split(" "));

        assertThat(outcome.status()).isEqualTo(2);
        assertThat(outcome.err()).contains("Usage:");
        assertThat(outcome.out()).isEmpty();
    }

    @Test
    void theUsageErrorNamesTheBadArgument() throws Exception {
        Outcome outcome = runToCompletion("--port", "abc", "--project-id", PID, "--management-key", "K2x");

        assertThat(outcome.err()).contains("--port").contains("abc");
    }

    @Test
    void aGoodCommandLineServesUntilStoppedAndPrintsTheReadyLine() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CountDownLatch stop = new CountDownLatch(1);
        ExecutorService runner = Executors.newSingleThreadExecutor();
        try {
            Future<Integer> status = runner.submit(() -> Main.run(new String[] {"--port", "0", "--project-id", PID,
                    "--management-key", "K2cli", "--approved-domain", "localhost", "--session-ttl", "60",
                    "--refresh-ttl", "3600", "--link-ttl", "120", "--seed-user", "alice@example.com,admin",
                    "--refresh-token-rotation", "--default-redirect-url", "http://localhost:8080/verify"},
                    new PrintStream(out, true, StandardCharsets.UTF_8), System.err, stop));
            String baseUrl = awaitReadyLine(out);

            HttpResponse<String> signIn = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create(baseUrl + "/v1/auth/magiclink/signin/email"))
                    .header("Authorization", "Bearer " + PID)
                    .POST(HttpRequest.BodyPublishers.ofString("{\"loginId\":\"alice@example.com\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(signIn.statusCode()).as(signIn.body()).isEqualTo(200);

            stop.countDown();
            assertThat(status.get(10, TimeUnit.SECONDS)).isZero();
        } finally {
            runner.shutdownNow();
        }
    }

    private static String awaitReadyLine(ByteArrayOutputStream out) throws InterruptedException {
        Pattern ready = Pattern.compile("^Descope emulator listening on (http://127\\.0\\.0\\.1:\\d+)\\R$");
        for (int i = 0; i < 200; i++) {
            Matcher matcher = ready.matcher(out.toString(StandardCharsets.UTF_8));
            if (matcher.matches()) {
                return matcher.group(1);
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no ready line; got: " + out.toString(StandardCharsets.UTF_8));
    }
}
