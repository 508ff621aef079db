package io.descopefilter.reliability;

import io.descopefilter.core.DeliveryMethod;
import io.descopefilter.emulator.DescopeEmulator;
import io.descopefilter.emulator.EmulatorUser;
import io.descopefilter.emulator.RateLimit;
import io.descopefilter.jakarta.DescopeAuthFilter;
import io.descopefilter.jakarta.DescopeLinks;
import io.descopefilter.jakarta.LinkPurpose;
import io.descopefilter.jakarta.LinkSent;
import io.descopefilter.jakarta.SendOutcome;
import io.descopefilter.testsupport.Emulators;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.catalina.Context;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.descriptor.web.FilterDef;
import org.apache.tomcat.util.descriptor.web.FilterMap;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The real {@link DescopeAuthFilter} on embedded Tomcat 10.1 (200 request threads) in front of a tiny application,
 * against an in-process emulator; everything on 127.0.0.1. Paths: {@code /app/hello} (protected), {@code /login},
 * {@code /csrf} (hands out a CSRF token), {@code /send} (POST: sends a magic link through {@link DescopeLinks};
 * 200 accepted, 503 try later, 400 otherwise).
 */
final class Harness implements AutoCloseable {

    /** Every API path the filter calls, for faults that hit "every endpoint". */
    static final List<String> API_PATHS = List.of("/v1/auth/magiclink/verify", "/v1/auth/refresh",
            "/v1/auth/magiclink/signin/email", "/v1/auth/enchantedlink/verify", "/v1/auth/enchantedlink/signin/email",
            "/v1/auth/enchantedlink/pending-session", "/v1/auth/logout", "/v1/auth/logoutall",
            "/v2/keys/" + Emulators.PROJECT_ID);

    static final Duration CALL_TIMEOUT = Duration.ofSeconds(2);
    static final Duration BREAKER_WAIT = Duration.ofSeconds(2);
    /**
     * Sum of the default bulkheads (4+6+4+2+2+2, plus 1 for management calls) and the requests that may wait for
     * another request's refresh of the same token (64, so that a busy page's requests share one refresh: SE-10).
     */
    static final int WAITING_CAP = 21 + 64;

    final DescopeEmulator emulator;
    final Tomcat tomcat;
    final String base;
    final Path baseDir;

    private Harness(DescopeEmulator emulator, Tomcat tomcat, String base, Path baseDir) {
        this.emulator = emulator;
        this.tomcat = tomcat;
        this.base = base;
        this.baseDir = baseDir;
    }

    static Harness start(Map<String, String> extraSettings) throws Exception {
        DescopeEmulator emulator = Emulators.start(b -> b.rateLimit(RateLimit.unlimited()));
        for (int i = 0; i < Users.COUNT; i++) {
            emulator.createUser(EmulatorUser.builder(Users.email(i)).email(Users.email(i)).build());
        }
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        String base = "http://127.0.0.1:" + port;
        Map<String, String> settings = new HashMap<>(Map.ofEntries(
                Map.entry("projectId", Emulators.PROJECT_ID),
                Map.entry("baseUrl", emulator.baseUrl()),
                Map.entry("publicBaseUrl", base),
                Map.entry("cookieSecure", "false"),
                Map.entry("landingMode", "direct"),
                Map.entry("trustedProxies", "127.0.0.1"),
                Map.entry("protectedPaths", "/app/*"),
                Map.entry("publicPaths", "/login,/csrf,/send"),
                Map.entry("connectTimeout", "1"),
                Map.entry("responseTimeout", Long.toString(CALL_TIMEOUT.toSeconds())),
                Map.entry("callTimeout", Long.toString(CALL_TIMEOUT.toSeconds())),
                Map.entry("breakerWait", Long.toString(BREAKER_WAIT.toSeconds()))));
        settings.putAll(extraSettings);

        Path baseDir = Files.createTempDirectory("reliability-tomcat");
        Tomcat tomcat = new Tomcat();
        tomcat.setBaseDir(baseDir.toString());
        tomcat.setHostname("127.0.0.1");
        tomcat.setPort(port);
        tomcat.getConnector().setProperty("address", "127.0.0.1");
        tomcat.getConnector().setProperty("maxThreads", "200");
        // The flood's keep-alive connections stay open for the whole phase (Tomcat closes after 100 by default).
        tomcat.getConnector().setProperty("maxKeepAliveRequests", "-1");
        Context context = tomcat.addContext("", baseDir.toString());
        add(context, "hello", "/app/*", new HttpServlet() {
            @Override
            protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
                resp.setContentType("text/plain");
                resp.getWriter().write("hello " + req.getRemoteUser());
            }
        });
        // Tomcat runs filters only for a mapped servlet: the default one lets the filter see its own paths.
        add(context, "default", "/", new HttpServlet() {
            @Override
            protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
                resp.sendError(404);
            }
        });
        add(context, "login", "/login", new HttpServlet() {
            @Override
            protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
                resp.getWriter().write("login");
            }
        });
        add(context, "csrf", "/csrf", new HttpServlet() {
            @Override
            protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
                resp.getWriter().write(DescopeLinks.from(req.getServletContext()).csrfToken(req, resp));
            }
        });
        add(context, "send", "/send", new HttpServlet() {
            @Override
            protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
                LinkSent sent = DescopeLinks.from(req.getServletContext()).sendMagicLink(req, DeliveryMethod.EMAIL,
                        LinkPurpose.SIGN_IN, req.getParameter("email"), "/app/hello",
                        io.descopefilter.core.LoginOptions.NONE);
                if (sent.outcome() == SendOutcome.TRY_LATER) {
                    resp.setStatus(503);
                    resp.setHeader("Retry-After", Long.toString(sent.retryAfterSeconds()));
                } else if (sent.outcome() != SendOutcome.ACCEPTED) {
                    resp.setStatus(400);
                }
                resp.getWriter().write(sent.outcome().name());
            }
        });
        FilterDef filter = new FilterDef();
        filter.setFilterName("descope");
        filter.setFilter(new DescopeAuthFilter(settings));
        context.addFilterDef(filter);
        FilterMap mapping = new FilterMap();
        mapping.setFilterName("descope");
        mapping.addURLPattern("/*");
        context.addFilterMap(mapping);
        tomcat.start();
        return new Harness(emulator, tomcat, base, baseDir);
    }

    private static void add(Context context, String name, String pattern, HttpServlet servlet) {
        Tomcat.addServlet(context, name, servlet);
        context.addServletMappingDecoded(pattern, name);
    }

    /** Calls that reached the emulator's API since the last reset, all endpoints together. */
    long descopeCalls() {
        return emulator.requestCountsByEndpoint().values().stream().mapToLong(Long::longValue).sum();
    }

    long descopeCalls(String endpoint) {
        return emulator.requestCountsByEndpoint().getOrDefault(endpoint, 0L);
    }

    @Override
    public void close() throws Exception {
        try {
            tomcat.stop();
            tomcat.destroy();
        } finally {
            emulator.close();
        }
    }

    /** The seeded users. */
    static final class Users {
        static final int COUNT = 50;

        static String email(int i) {
            return "user" + i + "@example.com";
        }
    }
}
