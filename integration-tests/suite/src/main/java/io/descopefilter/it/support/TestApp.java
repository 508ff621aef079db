package io.descopefilter.it.support;

import io.descopefilter.core.client.DescopeClient;
import io.descopefilter.it.app.WhoAmIServlet;
import io.descopefilter.jakarta.DescopeAuthFilter;
import java.io.File;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.importer.ExplodedImporter;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * One test WAR: the servlets of {@code io.descopefilter.it.app} behind {@code DescopeAuthFilter}, declared in
 * {@code web.xml} the way README tells a team to, with one init-param per setting. The filter's own jars go to
 * {@code WEB-INF/lib} as in a real deployment; their third-party libraries come from the container's class path.
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
    private final Map<String, String> settings = new LinkedHashMap<>();

    private TestApp(String contextName, int port, Supplier<String> descopeBaseUrl) {
        this.contextName = contextName;
        this.port = port;
        this.descopeBaseUrl = descopeBaseUrl;
        settings.put("projectId", TestDescope.PROJECT_ID);
        settings.put("managementKey", TestDescope.MANAGEMENT_KEY);
        settings.put("publicBaseUrl", baseUrl());
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
    }

    /** A WAR at context path {@code /<contextName>} on node 1, talking to this test class's emulator. */
    public static TestApp named(String contextName, TestDescope descope) {
        return new TestApp(contextName, Nodes.node1Port(), () -> descope.emulator().baseUrl());
    }

    /** The same WAR for another server (the two-node scenario). */
    public TestApp onPort(int otherPort) {
        TestApp copy = new TestApp(contextName, otherPort, descopeBaseUrl);
        copy.settings.putAll(settings);
        return copy;
    }

    /** Sets a filter init-param; {@code null} removes it (the filter's default applies). */
    public TestApp with(String setting, String value) {
        if (value == null) {
            settings.remove(setting);
        } else {
            settings.put(setting, value);
        }
        return this;
    }

    /** The Descope base URL is read at deployment time, when the emulator is started. */
    public TestApp withDescopeBaseUrl(Supplier<String> baseUrl) {
        TestApp copy = new TestApp(contextName, port, baseUrl);
        copy.settings.putAll(settings);
        return copy;
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

    public String setting(String name) {
        return settings.get(name);
    }

    public Browser newBrowser() {
        return new Browser(this);
    }

    public WebArchive war() {
        Map<String, String> initParams = new LinkedHashMap<>(settings);
        initParams.putIfAbsent("baseUrl", descopeBaseUrl.get());
        return ShrinkWrap.create(WebArchive.class, contextName + ".war")
                .addPackage(WhoAmIServlet.class.getPackage())
                .addAsLibrary(jarOf(DescopeAuthFilter.class, "descope-filter-jakarta.jar"))
                .addAsLibrary(jarOf(DescopeClient.class, "descope-filter-core.jar"))
                .setWebXML(new StringAsset(WebXml.withFilter(initParams)))
                // A static file whose path differs from the protected /app/* only in case (PM-06).
                .addAsWebResource(new StringAsset(PROTECTED_MARKER), "APP/report.txt")
                // Jetty's embedded adapter loads parent-first by default; a real WAR's WEB-INF/lib comes first.
                .addAsWebInfResource(new StringAsset(JETTY_WEBAPP_FIRST), "jetty-web.xml");
    }

    /** The jar (or, in a reactor build, the classes directory) a class was loaded from, as a library jar. */
    private static JavaArchive jarOf(Class<?> type, String name) {
        File location;
        try {
            location = new File(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot locate the classes of " + type.getName(), e);
        }
        if (location.isDirectory()) {
            return ShrinkWrap.create(ExplodedImporter.class, name).importDirectory(location).as(JavaArchive.class);
        }
        return ShrinkWrap.createFromZipFile(JavaArchive.class, location);
    }

    private static final String JETTY_WEBAPP_FIRST = """
            <?xml version="1.0" encoding="UTF-8"?>
            <!DOCTYPE Configure PUBLIC "-//Jetty//Configure//EN" "https://jetty.org/configure_10_0.dtd">
            <Configure class="org.eclipse.jetty.ee10.webapp.WebAppContext">
              <Set name="parentLoaderPriority">false</Set>
            </Configure>
            """;
}
