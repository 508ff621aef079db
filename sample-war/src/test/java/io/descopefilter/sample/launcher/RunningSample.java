package io.descopefilter.sample.launcher;

import io.descopefilter.emulator.DescopeEmulator;
import org.eclipse.jetty.ee10.servlet.ServletHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.ee10.servlet.ServletMapping;
import org.eclipse.jetty.ee10.webapp.WebAppContext;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

import java.io.IOException;
import java.net.BindException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The sample WAR served by embedded Jetty 12 (EE10) on 127.0.0.1, with the Descope emulator alongside in dev mode.
 * {@link #close()} stops both.
 */
public final class RunningSample implements AutoCloseable {

    private final Server server;
    private final String baseUrl;
    private final DevDescope dev;

    private RunningSample(Server server, String baseUrl, DevDescope dev) {
        this.server = server;
        this.baseUrl = baseUrl;
        this.dev = dev;
    }

    /**
     * Binds the port, starts the emulator unless a Descope project is configured, then deploys the WAR.
     *
     * @throws PortInUseException when a port is taken
     */
    public static RunningSample start(LaunchOptions options) throws Exception {
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(options.port());
        server.addConnector(connector);
        try {
            // Bound before anything starts: the public base URL needs the real port (tests ask for port 0).
            connector.open();
        } catch (IOException e) {
            if (e instanceof BindException || e.getCause() instanceof BindException) {
                throw new PortInUseException("the sample application", options.port(), "sample.port", e);
            }
            throw e;
        }
        String baseUrl = "http://localhost:" + connector.getLocalPort();
        DevDescope dev = null;
        try {
            Map<String, String> contextParameters;
            if (options.descopeProjectId().isEmpty()) {
                dev = DevDescope.start(options.emulatorPort(), baseUrl, options.devSessionTtl());
                contextParameters = new LinkedHashMap<>(dev.contextParameters(baseUrl));
                contextParameters.putAll(options.devSettings());
            } else {
                contextParameters = realProjectParameters(options, baseUrl);
            }
            server.setHandler(webApp(contextParameters, options));
            server.start();
            return new RunningSample(server, baseUrl, dev);
        } catch (Exception | Error e) {
            stopQuietly(server);
            // A server that never started does not close the connector opened above.
            connector.close();
            if (dev != null) {
                dev.close();
            }
            throw e;
        }
    }

    /** {@code http://localhost:<port>}, without a trailing slash. */
    public String baseUrl() {
        return baseUrl;
    }

    /** The emulator, in dev mode. */
    public Optional<DescopeEmulator> emulator() {
        return Optional.ofNullable(dev).map(DevDescope::emulator);
    }

    /** The emulator's outbox page, in dev mode. */
    public Optional<String> outboxUrl() {
        return Optional.ofNullable(dev).map(DevDescope::outboxUrl);
    }

    /** Blocks until the server stops. */
    public void join() throws InterruptedException {
        server.join();
    }

    @Override
    public void close() {
        stopQuietly(server);
        if (dev != null) {
            dev.close();
        }
    }

    /**
     * With a real Descope project the filter reads its settings from the {@code DESCOPE_*} environment variables
     * itself; the launcher adds only the public base URL when none is given. Nothing of dev mode goes in.
     */
    static Map<String, String> realProjectParameters(LaunchOptions options, String baseUrl) {
        return options.variable("DESCOPE_PUBLIC_BASE_URL").isPresent() ? Map.of() : Map.of("publicBaseUrl", baseUrl);
    }

    private static WebAppContext webApp(Map<String, String> contextParameters, LaunchOptions options) {
        WebAppContext webApp = new WithoutJsp();
        webApp.setContextPath("/");
        webApp.setWar(options.war().toAbsolutePath().toString());
        // The container-side configuration of this deployment, like <Parameter> in Tomcat's context.xml.
        contextParameters.forEach(webApp::setInitParameter);
        // A filter that cannot start (missing or invalid setting) stops the launch instead of serving errors.
        webApp.setThrowUnavailableOnStartupException(true);
        return webApp;
    }

    /**
     * A web application without Jetty's default {@code jsp} servlet. The sample has no JSPs and the launcher no JSP
     * engine, so Jetty's {@code webdefault-ee10.xml} mapping of {@code *.jsp} (and {@code *.jspf}, {@code *.jspx})
     * would only reach its placeholder servlet, which answers 500 to any such URL; without it they get the normal
     * 404 of the default servlet.
     */
    static final class WithoutJsp extends WebAppContext {

        static final String JSP_SERVLET = "jsp";

        @Override
        protected void startWebapp() throws Exception {
            ServletHandler servlets = getServletHandler();
            servlets.setServletMappings(Arrays.stream(servlets.getServletMappings())
                    .filter(mapping -> !JSP_SERVLET.equals(mapping.getServletName()))
                    .toArray(ServletMapping[]::new));
            servlets.setServlets(Arrays.stream(servlets.getServlets())
                    .filter(holder -> !JSP_SERVLET.equals(holder.getName()))
                    .toArray(ServletHolder[]::new));
            super.startWebapp();
        }
    }

    private static void stopQuietly(Server server) {
        try {
            server.stop();
        } catch (Exception e) {
            System.getLogger(RunningSample.class.getName()).log(System.Logger.Level.WARNING,
                    "Jetty did not stop cleanly: " + e);
        }
    }
}
