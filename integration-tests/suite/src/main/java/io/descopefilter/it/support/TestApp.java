package io.descopefilter.it.support;

import io.descopefilter.it.app.WhoAmIServlet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * One test WAR: the servlets of {@code io.descopefilter.it.app} behind {@code DescopeAuthFilter}, declared in
 * {@code web.xml} the way README tells a team to, with one init-param per setting.
 *
 * <p>The filter's jars are not copied into {@code WEB-INF/lib}: the embedded containers run in the test JVM and
 * load them from its class path (the web application's parent class loader). A second copy in the WAR would make
 * Weld find {@code META-INF/beans.xml} twice (it scans class loader resources as well as {@code WEB-INF/lib}) and
 * {@code DescopeLinks} ambiguous. The filter keeps no static state, so deployments stay independent.
 *
 * <p>Typical use: {@code static final TestApp APP = TestApp.named("shop", DESCOPE).with("landingMode", "direct");}
 * and {@code @Deployment(testable = false) public static WebArchive app() { return APP.war(); }}.
 */
public final class TestApp {

    /** Marks the body of every protected servlet response; never seen without a session. */
    public static final String PROTECTED_MARKER = WhoAmIServlet.MARKER;

    private final String contextName;
    private final int port;
    private final Supplier<String> descopeBaseUrl;
    private final Map<String, String> settings;

    private TestApp(String contextName, int port, Supplier<String> descopeBaseUrl, Map<String, String> settings) {
        this.contextName = contextName;
        this.port = port;
        this.descopeBaseUrl = descopeBaseUrl;
        this.settings = Map.copyOf(settings);
    }

    /** A WAR at context path {@code /<contextName>} on node 1, talking to this test class's emulator. */
    public static TestApp named(String contextName, TestDescope descope) {
        int port = Nodes.node1Port();
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("projectId", TestDescope.PROJECT_ID);
        settings.put("managementKey", TestDescope.MANAGEMENT_KEY);
        settings.put("publicBaseUrl", Nodes.origin(port) + "/" + contextName);
        settings.put("cookieSecure", "false");
        settings.put("protectedPaths", "/app/*");
        settings.put("publicPaths", "/public/*");
        settings.put("afterLoginPath", "/app/home");
        settings.put("afterLogoutPath", "/public/bye");
        // Every test request comes from 127.0.0.1: per-client limits would otherwise couple unrelated tests. The
        // scenarios about limits set them back.
        settings.put("sendLimitPerClient", "1000");
        settings.put("sendLimitPerLoginId", "10");
        settings.put("failedVerifyLimitPerClient", "1000");
        // Limit windows are aligned to the clock; a year-long window keeps a test from straddling two of them.
        settings.put("sendLimitWindow", "31536000");
        return new TestApp(contextName, port, () -> descope.emulator().baseUrl(), settings);
    }

    /** This WAR with one filter init-param changed; {@code null} removes it (the filter's default applies). */
    public TestApp with(String setting, String value) {
        Map<String, String> changed = new LinkedHashMap<>(settings);
        if (value == null) {
            changed.remove(setting);
        } else {
            changed.put(setting, value);
        }
        return new TestApp(contextName, port, descopeBaseUrl, changed);
    }

    /** This WAR on another server (the two-node scenario); the settings, publicBaseUrl included, stay the same. */
    public TestApp onPort(int otherPort) {
        return new TestApp(contextName, otherPort, descopeBaseUrl, settings);
    }

    /** This WAR talking to Descope somewhere else (a proxy); the URL is read at deployment time. */
    public TestApp withDescopeBaseUrl(Supplier<String> baseUrl) {
        return new TestApp(contextName, port, baseUrl, settings);
    }

    public String contextName() {
        return contextName;
    }

    public String contextPath() {
        return "/" + contextName;
    }

    public int port() {
        return port;
    }

    public String origin() {
        return Nodes.origin(port);
    }

    /** {@code http://127.0.0.1:<port>/<context>}, also the filter's {@code publicBaseUrl}. */
    public String baseUrl() {
        return origin() + contextPath();
    }

    /** An absolute URL of a path inside the app, e.g. {@code url("/app/me")}. */
    public String url(String appPath) {
        return baseUrl() + appPath;
    }

    public Browser newBrowser() {
        return new Browser(this);
    }

    /**
     * A browser that sends {@code Secure} cookies although the test server speaks http, as a real browser would on
     * the https site an app with {@code cookieSecure=true} is meant for.
     */
    public Browser newSecureContextBrowser() {
        return new Browser(this, true);
    }

    public WebArchive war() {
        Map<String, String> initParams = new LinkedHashMap<>(settings);
        initParams.putIfAbsent("baseUrl", descopeBaseUrl.get());
        return ShrinkWrap.create(WebArchive.class, contextName + ".war")
                .addPackage(WhoAmIServlet.class.getPackage())
                .setWebXML(new StringAsset(WebXml.withFilter(initParams)))
                // A static file whose path differs from the protected /app/* only in case (PM-06).
                .addAsWebResource(new StringAsset(PROTECTED_MARKER), "APP/report.txt")
                // Jetty's embedded adapter loads parent-first by default; a real WAR's own classes come first.
                .addAsWebInfResource(new StringAsset(JETTY_WEBAPP_FIRST), "jetty-web.xml")
                // CDI: only annotated classes (the event observer) become beans.
                .addAsWebInfResource(new StringAsset(BEANS_XML), "beans.xml");
    }

    private static final String BEANS_XML = """
            <?xml version="1.0" encoding="UTF-8"?>
            <beans xmlns="https://jakarta.ee/xml/ns/jakartaee" version="4.0" bean-discovery-mode="annotated"/>
            """;

    private static final String JETTY_WEBAPP_FIRST = """
            <?xml version="1.0" encoding="UTF-8"?>
            <!DOCTYPE Configure PUBLIC "-//Jetty//Configure//EN" "https://jetty.org/configure_10_0.dtd">
            <Configure class="org.eclipse.jetty.ee10.webapp.WebAppContext">
              <Set name="parentLoaderPriority">false</Set>
            </Configure>
            """;
}
