package io.descopefilter.servers;

import static org.assertj.core.api.Assertions.assertThat;

import io.descopefilter.emulator.DescopeEmulator;
import io.descopefilter.emulator.EmulatorUser;
import io.descopefilter.emulator.OutboxMessage;
import io.descopefilter.testsupport.HtmlForm;
import io.descopefilter.testsupport.ListeningSockets;
import io.descopefilter.testsupport.WebClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The sample WAR, exactly as sample-war builds it, on real server distributions started as separate processes on
 * 127.0.0.1. Every server gets its settings from {@code DESCOPE_*} environment variables (the WAR carries none of
 * them) and talks to one Descope emulator in this JVM. On each: an anonymous visitor is sent to the login page; the
 * login form (with its CSRF token) sends an email link to the seeded user; the link, confirmed, signs in (303 and a
 * session cookie); the dashboard shows the user; sign-out ends the session. Alongside, {@code bad.war} (the sample
 * with the init-param {@code publicBaseUrl=not-a-url}) must fail to deploy and not be served.
 */
class SampleWarOnServersIT {

    static final String PROJECT_ID = "P2smokeTestProject00000000000Z";
    static final String MANAGEMENT_KEY = "K2smokeManagementKey00000000000000000Z";
    static final String ALICE = "alice@example.com";
    /** Written by DeploymentCheck when a filter's settings are invalid. */
    static final String DEPLOYMENT_REFUSED = "cannot start, the application is not deployed";
    /** The bound on any one request to a server (a cold first request on the slowest server included). */
    static final Duration REQUEST_BOUND = Duration.ofSeconds(30);

    static DescopeEmulator emulator;
    static String aliceId;
    static Path sampleWar;
    static Path badWar;

    @BeforeAll
    static void startDescopeAndPrepareWars() throws IOException {
        emulator = DescopeEmulator.builder().projectId(PROJECT_ID).managementKey(MANAGEMENT_KEY).port(0)
                .approvedDomains(List.of("127.0.0.1", "localhost")).linkTtl(Duration.ofMinutes(10)).start();
        aliceId = emulator.createUser(EmulatorUser.builder(ALICE).name("Alice Example").roles("admin").build());
        Path servers = Path.of(System.getProperty("servers.directory"));
        sampleWar = servers.resolve("sample.war");
        assertThat(sampleWar).as("the WAR sample-war built, copied by the build").isRegularFile();
        badWar = work("wars").resolve("bad.war");
        Files.copy(sampleWar, badWar);
        withBadSetting(badWar);
    }

    @AfterAll
    static void stopDescope() {
        if (emulator != null) {
            emulator.close();
        }
    }

    @Test
    void tomcat10() {
        runOn(new Server.Tomcat("Tomcat 10.1", home("tomcat10.home")));
    }

    @Test
    void tomcat11() {
        runOn(new Server.Tomcat("Tomcat 11", home("tomcat11.home")));
    }

    @Test
    void openLiberty() {
        runOn(new Server.Liberty(home("liberty.home")));
    }

    @Test
    void wildFly() {
        runOn(new Server.WildFly(home("wildfly.home")));
    }

    @Test
    void payaraMicro() {
        runOn(new Server.PayaraMicro(home("payara.jar")));
    }

    @Test
    void glassFish() {
        runOn(new Server.GlassFish(home("glassfish.home")));
    }

    private void runOn(Server server) {
        Path work = work(server.name.replace(' ', '-').replace('.', '_'));
        int port = server.choosePort();
        String origin = "http://127.0.0.1:" + port;
        String app = origin + "/sample";
        Map<String, String> settings = Map.of(
                "DESCOPE_PROJECT_ID", PROJECT_ID,
                "DESCOPE_MANAGEMENT_KEY", MANAGEMENT_KEY,
                "DESCOPE_BASE_URL", emulator.baseUrl(),
                "DESCOPE_PUBLIC_BASE_URL", app,
                "DESCOPE_COOKIE_SECURE", "false");
        Instant started = Instant.now();
        try (ServerProcess process = server.start(work, port, sampleWar, badWar, settings)) {
            process.await("answer from " + app + "/", server.startTimeout, () -> status(app + "/") == 200);
            System.out.printf("%s served the sample after %d ms%n", server, Duration.between(started,
                    Instant.now()).toMillis());

            signInAndOut(origin, app);
            badWarIsNotDeployed(server, process, work, origin);
            onlyLoopback(server, process);
        }
        System.out.printf("%s done (stopped) after %d ms%n", server, Duration.between(started, Instant.now())
                .toMillis());
    }

    private static void signInAndOut(String origin, String app) {
        WebClient browser = new WebClient(REQUEST_BOUND);

        WebClient.Answer challenge = browser.get(app + "/app/");
        assertThat(challenge.status()).as("anonymous dashboard: %s", challenge).isEqualTo(302);
        assertThat(challenge.location()).hasValueSatisfying(l -> assertThat(l).contains("/login?next=%2Fapp%2F"));

        WebClient.Answer login = browser.get(URI.create(app + "/").resolve(challenge.location().get()).toString());
        assertThat(login.status()).as("login page: %s", login).isEqualTo(200);
        HtmlForm emailForm = HtmlForm.find(login.body(), f -> f.id().equals("email-form")).orElseThrow(
                () -> new AssertionError("no email form on the login page: " + login));
        assertThat(emailForm.hiddenFields()).containsKey("csrf");

        int before = emulator.outbox().messagesTo(ALICE).size();
        WebClient.Answer sent = browser.post(absolute(app, emailForm.action()), origin,
                emailForm.fieldsWith(Map.of("email", ALICE)));
        assertThat(sent.status()).as("link request: %s", sent).isEqualTo(200);
        OutboxMessage message = awaitMessage(before);

        String link = message.firstLink().url();
        assertThat(link).startsWith(app + "/descope/verify");
        WebClient.Answer landing = browser.get(link);
        assertThat(landing.status()).as("landing: %s", landing).isEqualTo(200);
        HtmlForm confirm = HtmlForm.find(landing.body(), f -> true).orElseThrow(
                () -> new AssertionError("no confirmation form: " + landing));
        WebClient.Answer signedIn = browser.post(absolute(app, confirm.action()), origin, confirm.hiddenFields());
        assertThat(signedIn.status()).as("confirmation: %s", signedIn).isEqualTo(303);
        assertThat(signedIn.raw().headers().allValues("Set-Cookie")).as("session cookie")
                .anySatisfy(c -> assertThat(c).startsWith("DS="));
        assertThat(signedIn.location()).hasValueSatisfying(l -> assertThat(l).endsWith("/sample/app/"));

        WebClient.Answer dashboard = browser.get(app + "/app/");
        assertThat(dashboard.status()).as("dashboard: %s", dashboard).isEqualTo(200);
        assertThat(dashboard.body()).contains("<dd id=\"user-id\">" + aliceId + "</dd>");

        HtmlForm signOut = HtmlForm.find(dashboard.body(), f -> f.action().endsWith("/descope/logout"))
                .orElseThrow(() -> new AssertionError("no sign-out form: " + dashboard));
        WebClient.Answer out = browser.post(absolute(app, signOut.action()), origin, signOut.hiddenFields());
        assertThat(out.status()).as("sign-out: %s", out).isIn(302, 303);
        WebClient.Answer after = browser.get(app + "/app/");
        assertThat(after.status()).as("dashboard after sign-out: %s", after).isEqualTo(302);
        assertThat(after.location()).hasValueSatisfying(l -> assertThat(l).contains("/login?next="));
    }

    private static void badWarIsNotDeployed(Server server, ServerProcess process, Path work, String origin) {
        Path[] logs = server.logs(work).toArray(Path[]::new);
        process.await("report that /bad failed to deploy", Duration.ofSeconds(60),
                () -> process.output(logs).contains(DEPLOYMENT_REFUSED)
                        && server.failureMarker(work).map(Files::exists).orElse(true));
        String output = process.output(logs);
        assertThat(output).as("the refusal names the setting").contains("publicBaseUrl");
        assertThat(output).as("only /bad is refused").doesNotContain("context /sample cannot start");
        int status = status(origin + "/bad/");
        assertThat(status).as("/bad/ must not be served").isNotEqualTo(200).isNotEqualTo(302);
    }

    private static void onlyLoopback(Server server, ServerProcess process) {
        if (!ListeningSockets.available()) {
            return;
        }
        List<String> listening = ListeningSockets.of(process.pid());
        assertThat(listening).as("%s listens somewhere", server).isNotEmpty();
        assertThat(listening).as("%s listens on loopback only (addresses in /proc/net hex)", server)
                .allMatch(ListeningSockets::isLoopback);
    }

    private static OutboxMessage awaitMessage(int before) {
        Instant deadline = Instant.now().plusSeconds(20);
        while (Instant.now().isBefore(deadline)) {
            List<OutboxMessage> messages = emulator.outbox().messagesTo(ALICE);
            if (messages.size() > before) {
                return messages.get(0);   // newest first
            }
            ServerProcess.sleep(100);
        }
        throw new AssertionError("no email link reached the emulator's outbox for " + ALICE);
    }

    private static int status(String url) {
        try {
            return new WebClient(REQUEST_BOUND).get(url).status();
        } catch (UncheckedIOException e) {
            return -1;
        }
    }

    private static String absolute(String app, String action) {
        return URI.create(app + "/").resolve(action).toString();
    }

    /** The sample with {@code publicBaseUrl=not-a-url} as an init-param of its filter (init-params come first). */
    private static void withBadSetting(Path war) throws IOException {
        try (FileSystem zip = FileSystems.newFileSystem(war)) {
            Path webXml = zip.getPath("WEB-INF/web.xml");
            String text = Files.readString(webXml, StandardCharsets.UTF_8);
            // the schema wants init-params after async-supported: put ours before the filter's first one
            int filter = text.indexOf("<filter-class>io.descopefilter.jakarta.DescopeAuthFilter</filter-class>");
            int firstInitParam = text.indexOf("<init-param>", filter);
            assertThat(filter).isPositive();
            assertThat(firstInitParam).isGreaterThan(filter);
            Files.writeString(webXml, text.substring(0, firstInitParam)
                    + "<init-param><param-name>publicBaseUrl</param-name><param-value>not-a-url</param-value>"
                    + "</init-param>\n    " + text.substring(firstInitParam), StandardCharsets.UTF_8);
        }
    }

    private static Path home(String property) {
        Path home = Path.of(System.getProperty(property));
        assertThat(home).as("unpacked by the build (%s)", property).exists();
        return home;
    }

    private static Path work(String name) {
        Path dir = Path.of(System.getProperty("servers.work")).resolve(name);
        try {
            if (Files.exists(dir)) {
                try (Stream<Path> files = Files.walk(dir)) {
                    files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
            Files.createDirectories(dir.resolve("tmp"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dir;
    }
}
