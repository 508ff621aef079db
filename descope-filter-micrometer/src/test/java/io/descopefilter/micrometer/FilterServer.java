package io.descopefilter.micrometer;

import io.descopefilter.core.DeliveryMethod;
import io.descopefilter.core.DescopeEventListener;
import io.descopefilter.emulator.DescopeEmulator;
import io.descopefilter.jakarta.DescopeAuthFilter;
import io.descopefilter.jakarta.DescopeLinks;
import io.descopefilter.jakarta.LinkPurpose;
import io.descopefilter.testsupport.Emulators;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.descriptor.web.FilterDef;
import org.apache.tomcat.util.descriptor.web.FilterMap;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The filter in an embedded Tomcat on 127.0.0.1 in front of a tiny application (a login page that sends magic
 * links, a protected page), against an in-process emulator; browsers are JDK HTTP clients with their own cookies.
 * Close it to stop both.
 */
final class FilterServer implements AutoCloseable {

    private static final Pattern FIELD = Pattern.compile("name=\"(csrf|t)\" value=\"([^\"]+)\"");

    final DescopeEmulator emulator;
    private final Tomcat tomcat;
    private final Path baseDir;
    final String base;

    FilterServer(Map<String, String> extraSettings) throws Exception {
        emulator = Emulators.start();
        baseDir = Files.createTempDirectory("descope-micrometer");
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        base = "http://127.0.0.1:" + port + "/app";
        tomcat = new Tomcat();
        tomcat.setBaseDir(baseDir.toString());
        tomcat.setHostname("127.0.0.1");
        tomcat.setPort(port);
        tomcat.getConnector().setProperty("address", "127.0.0.1");
        Context context = tomcat.addContext("/app", baseDir.toString());
        Tomcat.addServlet(context, "login", new LoginServlet());
        context.addServletMappingDecoded("/login", "login");
        Tomcat.addServlet(context, "page", new HttpServlet() {
            @Override
            protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
                response.getWriter().print("hello " + request.getRemoteUser());
            }
        });
        context.addServletMappingDecoded("/*", "page");
        Map<String, String> settings = new HashMap<>(Map.of("projectId", Emulators.PROJECT_ID,
                "baseUrl", emulator.baseUrl(), "publicBaseUrl", base, "cookieSecure", "false"));
        settings.putAll(extraSettings);
        FilterDef filter = new FilterDef();
        filter.setFilterName("descope");
        filter.setFilter(new DescopeAuthFilter(settings));
        context.addFilterDef(filter);
        FilterMap mapping = new FilterMap();
        mapping.setFilterName("descope");
        mapping.addURLPatternDecoded("/*");
        context.addFilterMap(mapping);
        try {
            tomcat.start();
        } catch (LifecycleException | RuntimeException e) {
            close();
            throw e;
        }
    }

    void addEventListener(DescopeEventListener listener) {
        DescopeLinks.from(((Context) tomcat.getHost().findChild("/app")).getServletContext())
                .addEventListener(listener);
    }

    Browser newBrowser() {
        return new Browser();
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

    /** GET: the CSRF token for the form; POST {@code loginId}: sends a magic link by email. */
    private static final class LoginServlet extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            response.getWriter().print(DescopeLinks.from(getServletContext()).csrfToken(request, response));
        }

        @Override
        protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
            response.getWriter().print(DescopeLinks.from(getServletContext()).sendMagicLink(request,
                    DeliveryMethod.EMAIL, LinkPurpose.SIGN_IN, request.getParameter("loginId"), null, null)
                    .outcome());
        }
    }

    /** One browser: its own cookies, no redirects followed. */
    final class Browser {
        private final HttpClient http = HttpClient.newBuilder()
                .cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
                .followRedirects(HttpClient.Redirect.NEVER).build();

        HttpResponse<String> get(String url) {
            return send(HttpRequest.newBuilder(URI.create(url)).GET().build());
        }

        HttpResponse<String> post(String url, Map<String, String> form) {
            StringBuilder body = new StringBuilder();
            form.forEach((name, value) -> body.append(body.length() == 0 ? "" : "&").append(name).append('=')
                    .append(URLEncoder.encode(value, StandardCharsets.UTF_8)));
            return send(HttpRequest.newBuilder(URI.create(url))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .header("Origin", "http://127.0.0.1:" + URI.create(base).getPort())
                    .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build());
        }

        /** Sends a link from the login page and returns it as it arrived in the emulator's outbox. */
        String requestLink(String email) {
            String csrf = get(base + "/login").body();
            HttpResponse<String> sent = post(base + "/login", Map.of("csrf", csrf, "loginId", email));
            if (!sent.body().equals("ACCEPTED")) {
                throw new IllegalStateException("send answered " + sent.body());
            }
            return emulator.outbox().latestTo(email).orElseThrow().links().get(0).url();
        }

        /** Opens a link and presses its button; returns the POST's answer (303 when signed in). */
        HttpResponse<String> land(String link) {
            HttpResponse<String> page = get(link);
            Map<String, String> fields = new HashMap<>();
            Matcher field = FIELD.matcher(page.body());
            while (field.find()) {
                fields.put(field.group(1), field.group(2).replace("&amp;", "&"));
            }
            if (!fields.containsKey("csrf")) {
                return page;
            }
            return post(link.substring(0, link.indexOf('?')), fields);
        }

        private HttpResponse<String> send(HttpRequest request) {
            try {
                return http.send(request, HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
