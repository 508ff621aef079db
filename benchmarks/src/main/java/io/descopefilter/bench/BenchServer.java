package io.descopefilter.bench;

import io.descopefilter.jakarta.DescopeAuthFilter;
import jakarta.servlet.DispatcherType;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandlerCollection;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;

/**
 * The server JVM of the end-to-end benchmark: one embedded Jetty 12 on 127.0.0.1 serving {@link HelloServlet} three
 * ways, {@code /plain} (no filter), {@code /ours} ({@link DescopeAuthFilter}, cookie store, bearer accepted) and
 * {@code /sdk} ({@link SdkFilter}); {@code /ours/send} sends the landing user a magic link; {@code /plain/landing-times} answers what each landing
 * cost inside the server and how long its verify call took ({@link LandingTimes}). Prints {@code READY} and serves until its standard input closes.
 *
 * <p>Usage: {@code BenchServer <port> <emulatorBaseUrl> <verifiedTokenCacheSize>}.
 */
public final class BenchServer {

    private BenchServer() {
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        String emulator = args[1];
        String cacheSize = args[2];
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(port);
        server.addConnector(connector);

        ServletContextHandler plain = context("/plain");
        ServletContextHandler ours = context("/ours");
        plain.addServlet(LandingTimes.Servlet.class, "/landing-times");
        Map<String, String> settings = new HashMap<>();
        settings.put("projectId", EmulatorMain.PROJECT_ID);
        settings.put("baseUrl", emulator);
        settings.put("publicBaseUrl", "http://127.0.0.1:" + port + "/ours");
        settings.put("cookieSecure", "false");
        settings.put("acceptBearer", "true");
        settings.put("verifiedTokenCacheSize", cacheSize);
        settings.put("eventListeners", LandingTimes.class.getName());
        // the landing case sends one link per landing to one address, far past the default limits
        settings.put("publicPaths", "/send");
        settings.put("sendLimitPerLoginId", "1000000");
        settings.put("sendLimitPerClient", "1000000");
        // a busy shared machine can stall the emulator's JVM for seconds; no timeout may end a round
        settings.put("responseTimeout", "30");
        settings.put("callTimeout", "60");
        ours.addFilter(new FilterHolder(new LandingTimes.Timer()), "/descope/verify", EnumSet.of(DispatcherType.REQUEST));
        ours.addFilter(new FilterHolder(new DescopeAuthFilter(settings)), "/*", EnumSet.of(DispatcherType.REQUEST));
        ours.addServlet(SendLinkServlet.class, "/send");
        ServletContextHandler sdk = context("/sdk");
        com.descope.client.DescopeClient client = new com.descope.client.DescopeClient(
                com.descope.client.Config.builder().projectId(EmulatorMain.PROJECT_ID).descopeBaseUrl(emulator).build());
        sdk.addFilter(new FilterHolder(new SdkFilter(client.getAuthenticationServices().getAuthService())), "/*",
                EnumSet.of(DispatcherType.REQUEST));

        server.setHandler(new ContextHandlerCollection(plain, ours, sdk));
        server.start();
        System.out.println("READY");
        System.out.flush();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        while (in.readLine() != null) {
            // EOF (the harness closing the pipe or exiting) stops the server
        }
        server.stop();
    }

    private static ServletContextHandler context(String path) {
        ServletContextHandler context = new ServletContextHandler(path);
        context.addServlet(HelloServlet.class, "/hello");
        return context;
    }
}
