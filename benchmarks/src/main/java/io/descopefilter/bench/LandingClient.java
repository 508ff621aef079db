package io.descopefilter.bench;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One browser-like client on one keep-alive connection per server: asks for magic links and reads them from the emulator's
 * outbox (untimed), opens the landing's confirmation page (untimed), then times what a person's click costs, the POST of the
 * confirmation form to its 303, against the emulator's own verify endpoint called directly and against the bare HTTP
 * hop (the same form POSTed to the unfiltered variant).
 */
final class LandingClient {

    /** A confirmation form, ready to POST. */
    record Form(String body, String csrfCookie) {
    }

    private static final Pattern CSRF_FIELD = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");
    private static final Pattern CSRF_COOKIE = Pattern.compile("(DSCSRF=[^;]+)");
    private static final Pattern BINDING_COOKIE = Pattern.compile("(DSLINK=[^;]+)");
    private static final Pattern LINK_TOKEN = Pattern.compile("[?&]t=([A-Za-z0-9._~-]+)");

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();
    private final String emulator;
    private final String server;

    LandingClient(String emulator, String server) {
        this.emulator = emulator;
        this.server = server;
    }

    /** A link that arrived by email, and the browser's cookie binding it to the browser that asked for it. */
    record Link(String token, String bindingCookie) {
    }

    /**
     * What a person does before the timed click: asks the application for a magic link (the filter sends it through
     * the emulator and binds it to this browser), reads it from the outbox, opens it (the confirmation page).
     */
    Link requestLink() throws IOException, InterruptedException {
        HttpResponse<String> page = send(HttpRequest.newBuilder(URI.create(server + "/ours/send")).GET().build(), 200);
        String csrfCookie = page.headers().allValues("Set-Cookie").stream().map(CSRF_COOKIE::matcher)
                .filter(Matcher::find).map(m -> m.group(1)).findFirst().orElseThrow(() -> new IOException("no CSRF cookie"));
        HttpResponse<String> sent = send(HttpRequest.newBuilder(URI.create(server + "/ours/send"))
                .header("Origin", server).header("Cookie", csrfCookie).header("X-CSRF-Token", page.body().trim()).POST(HttpRequest.BodyPublishers.noBody()).build(), 204);
        String binding = sent.headers().allValues("Set-Cookie").stream().map(BINDING_COOKIE::matcher)
                .filter(Matcher::find).map(m -> m.group(1)).reduce((a, b) -> b).orElse(null);
        HttpResponse<String> outbox = send(HttpRequest.newBuilder(URI.create(emulator + "/emulator/outbox?to="
                + enc(EmulatorMain.LANDING_USER))).GET().build(), 200);
        Matcher token = LINK_TOKEN.matcher(outbox.body());
        String last = null;
        while (token.find()) {
            last = token.group(1);
        }
        send(HttpRequest.newBuilder(URI.create(emulator + "/emulator/outbox")).header("X-Emulator-Control", "1")
                .DELETE().build(), 200);
        if (last == null || binding == null) {
            throw new IOException("no link in the outbox, or no DSLINK cookie from the send");
        }
        return new Link(last, binding);
    }

    /** GET of the link in the browser that asked for it: the confirmation page and its CSRF cookie. */
    Form open(Link link) throws IOException, InterruptedException {
        HttpResponse<String> page = send(HttpRequest.newBuilder(URI.create(server + "/ours/descope/verify?t="
                + enc(link.token()))).header("Cookie", link.bindingCookie()).GET().build(), 200);
        Matcher field = CSRF_FIELD.matcher(page.body());
        String cookie = page.headers().allValues("Set-Cookie").stream().map(CSRF_COOKIE::matcher)
                .filter(Matcher::find).map(m -> m.group(1)).findFirst().orElse(null);
        if (!field.find() || cookie == null) {
            throw new IOException("the landing page has no CSRF field or cookie");
        }
        return new Form("t=" + enc(link.token()) + "&csrf=" + enc(field.group(1)),
                cookie + "; " + link.bindingCookie());
    }

    /** The click: POST of the confirmation form; nanoseconds until the 303 (with the session cookies) is read. */
    long land(Form form) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(server + "/ours/descope/verify"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Cookie", form.csrfCookie())
                .header("Origin", server)
                .POST(HttpRequest.BodyPublishers.ofString(form.body())).build();
        long start = System.nanoTime();
        HttpResponse<String> response = send(request, 303);
        long elapsed = System.nanoTime() - start;
        if (response.headers().allValues("Set-Cookie").stream().noneMatch(c -> c.startsWith("DS="))) {
            throw new IOException("the landing answered 303 without a session cookie");
        }
        return elapsed;
    }

    /** The emulator's own verify, called directly with a fresh link token: nanoseconds until its 200 is read. */
    long verifyDirectly(String token) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(emulator + "/v1/auth/magiclink/verify"))
                .header("Authorization", "Bearer " + EmulatorMain.PROJECT_ID)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"token\":\"" + token + "\"}")).build();
        long start = System.nanoTime();
        send(request, 200);
        return System.nanoTime() - start;
    }

    /**
     * What each landing since the last time this was asked cost inside the server ({@link LandingTimes}): per
     * landing, in order, {@code {wall ns, request thread CPU ns, the filter's verify call ns}}.
     */
    java.util.List<long[]> landingTimes() throws IOException, InterruptedException {
        String body = send(HttpRequest.newBuilder(URI.create(server + "/plain/landing-times")).GET().build(), 200).body();
        return body.lines().filter(line -> !line.isBlank())
                .map(line -> java.util.Arrays.stream(line.split(" ")).mapToLong(Long::parseLong).toArray()).toList();
    }

    /** The HTTP hop alone: a form of the same size POSTed to the unfiltered hello servlet. */
    long hop(Form form) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(server + "/plain/hello"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Cookie", form.csrfCookie())
                .header("Origin", server)
                .POST(HttpRequest.BodyPublishers.ofString(form.body())).build();
        long start = System.nanoTime();
        send(request, 200);
        return System.nanoTime() - start;
    }

    private HttpResponse<String> send(HttpRequest request, int expected) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            throw new IOException(request.method() + " " + request.uri().getPath() + " answered "
                    + response.statusCode() + ", expected " + expected + ": "
                    + response.body().substring(0, Math.min(200, response.body().length())));
        }
        return response;
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
