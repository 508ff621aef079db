package io.descopefilter.cluster;

import io.descopefilter.core.DeliveryMethod;
import io.descopefilter.core.LoginOptions;
import io.descopefilter.jakarta.DescopeAuthFilter;
import io.descopefilter.jakarta.DescopeLinks;
import io.descopefilter.jakarta.EnchantedLinkStarted;
import io.descopefilter.jakarta.LinkPurpose;
import io.descopefilter.jakarta.LinkSent;
import io.descopefilter.jakarta.SendOutcome;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.catalina.Context;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.descriptor.web.FilterDef;
import org.apache.tomcat.util.descriptor.web.FilterMap;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One application node: embedded Tomcat 10.1 on {@code 127.0.0.1:<cluster.node.port>} serving a small application
 * behind {@link DescopeAuthFilter}, which reads its settings exactly as in production, here from {@code descope.*}
 * system properties (the store included: {@code descope.store}, {@code descope.redisUri}, ...). Run as its own JVM
 * by the cluster tests; it exits when its parent closes its standard input (the test JVM ended, however).
 *
 * <p>Paths: {@code /node} (public: which node answered), {@code /app/whoami} (protected: the principal's user ID
 * and the node), {@code /login}, {@code /csrf} (a CSRF token), {@code /send} and {@code /enchanted} (POST
 * {@code email}: a magic link or an enchanted link through {@link DescopeLinks}; 200 with the outcome, 503 with
 * {@code Retry-After} for "try again later"). Every answer, the filter's own included, carries {@code X-Cluster-Node}.
 */
public final class ClusterNode {

    static final String NODE_HEADER = "X-Cluster-Node";
    static final String READY = "cluster node listening on ";
    static final String AFTER_LOGIN = "/app/whoami";

    private ClusterNode() {
    }

    public static void main(String[] args) throws Exception {
        String name = System.getProperty("cluster.node.name", "node");
        int port = Integer.parseInt(System.getProperty("cluster.node.port"));
        Path baseDir = Files.createTempDirectory("cluster-" + name);
        Tomcat tomcat = new Tomcat();
        tomcat.setBaseDir(baseDir.toString());
        tomcat.setHostname("127.0.0.1");
        tomcat.setPort(port);
        tomcat.getConnector().setProperty("address", "127.0.0.1");
        tomcat.getConnector().setProperty("maxKeepAliveRequests", "-1");
        Context context = tomcat.addContext("", baseDir.toString());

        add(context, "node", "/node", new HttpServlet() {
            @Override
            protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
                text(resp, "node=" + name);
            }
        });
        add(context, "whoami", "/app/*", new HttpServlet() {
            @Override
            protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
                text(resp, "user=" + req.getRemoteUser() + " node=" + name);
            }
        });
        add(context, "login", "/login", new HttpServlet() {
            @Override
            protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
                text(resp, "login node=" + name);
            }
        });
        add(context, "csrf", "/csrf", new HttpServlet() {
            @Override
            protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
                String token = DescopeLinks.from(req.getServletContext()).csrfToken(req, resp);
                text(resp, token);
            }
        });
        add(context, "send", "/send", new HttpServlet() {
            @Override
            protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
                LinkSent sent = DescopeLinks.from(req.getServletContext()).sendMagicLink(req, DeliveryMethod.EMAIL,
                        LinkPurpose.SIGN_UP_OR_IN, req.getParameter("email"), AFTER_LOGIN, LoginOptions.NONE);
                answer(resp, sent.outcome(), sent.retryAfterSeconds(), sent.outcome().name());
            }
        });
        add(context, "enchanted", "/enchanted", new HttpServlet() {
            @Override
            protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
                EnchantedLinkStarted started = DescopeLinks.from(req.getServletContext()).startEnchantedLink(req,
                        LinkPurpose.SIGN_UP_OR_IN, req.getParameter("email"), AFTER_LOGIN, LoginOptions.NONE);
                answer(resp, started.outcome(), started.retryAfterSeconds(),
                        started.outcome().name() + (started.isAccepted() ? " linkId=" + started.linkId() : ""));
            }
        });
        // Tomcat runs filters only for a mapped servlet: the default one lets the filter see its own paths.
        add(context, "default", "/", new HttpServlet() {
            @Override
            protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
                resp.sendError(404);
            }
        });

        addFilter(context, "node-header", (request, response, chain) -> {
            ((HttpServletResponse) response).setHeader(NODE_HEADER, name);
            chain.doFilter(request, response);
        });
        addFilter(context, "descope", new DescopeAuthFilter());

        tomcat.start();
        System.out.println(READY + "http://127.0.0.1:" + port + " as " + name);
        exitWithParent();
        tomcat.getServer().await();
    }

    private static void answer(HttpServletResponse resp, SendOutcome outcome, long retryAfter, String body)
            throws IOException {
        if (outcome == SendOutcome.TRY_LATER) {
            resp.setStatus(503);
            resp.setHeader("Retry-After", Long.toString(retryAfter));
        } else if (outcome == SendOutcome.NOT_FROM_THIS_SITE) {
            resp.setStatus(403);
        } else if (outcome != SendOutcome.ACCEPTED) {
            resp.setStatus(400);
        }
        text(resp, body);
    }

    private static void text(HttpServletResponse resp, String body) throws IOException {
        resp.setContentType("text/plain;charset=UTF-8");
        resp.getWriter().write(body);
    }

    private static void add(Context context, String name, String pattern, HttpServlet servlet) {
        Tomcat.addServlet(context, name, servlet);
        context.addServletMappingDecoded(pattern, name);
    }

    private static void addFilter(Context context, String name, Filter filter) {
        FilterDef definition = new FilterDef();
        definition.setFilterName(name);
        definition.setFilter(filter);
        definition.setAsyncSupported("true");
        context.addFilterDef(definition);
        FilterMap mapping = new FilterMap();
        mapping.setFilterName(name);
        mapping.addURLPattern("/*");
        context.addFilterMap(mapping);
    }

    /** The test JVM holds our standard input open; when it ends, however, so do we (no orphaned nodes). */
    private static void exitWithParent() {
        Thread watchdog = new Thread(() -> {
            try {
                while (System.in.read() >= 0) {
                    // nothing is ever written; only the end of the stream matters
                }
            } catch (IOException e) {
                // the pipe broke: the parent is gone
            }
            System.out.println("parent gone, stopping");
            Runtime.getRuntime().halt(0);
        }, "exit-with-parent");
        watchdog.setDaemon(true);
        watchdog.start();
    }
}
