package io.descopefilter.jakarta.lifecycle;

import io.descopefilter.emulator.DescopeEmulator;
import io.descopefilter.testsupport.Emulators;
import io.descopefilter.emulator.EmulatorUser;
import io.descopefilter.jakarta.DescopeAuthFilter;
import io.descopefilter.jakarta.DescopeLinks;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.catalina.Context;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.descriptor.web.FilterDef;
import org.apache.tomcat.util.descriptor.web.FilterMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Deploys the filter in an embedded Tomcat, uses it so that every thread our code may start is running, undeploys
 * it and checks that nothing of ours is left running: a redeploy must not keep the old web application's classes
 * alive (Tomcat warns "appears to have started a thread ... but has failed to stop it").
 */
class UndeployTest {

    @Test
    void undeployingTheApplicationStopsEveryThreadTheFilterStarted(@TempDir Path baseDir) throws Exception {
        try (DescopeEmulator emulator = Emulators.start()) {
            emulator.createUser(EmulatorUser.builder("alice@example.com").build());
            String sessionJwt = emulator.issueSession("alice@example.com").sessionJwt();
            AtomicReference<Object> links = new AtomicReference<>();

            Tomcat tomcat = new Tomcat();
            tomcat.setBaseDir(baseDir.toString());
            tomcat.setHostname("127.0.0.1");
            tomcat.setPort(0);
            tomcat.getConnector().setProperty("address", "127.0.0.1");
            Context context = tomcat.addContext("/app", baseDir.toString());
            Tomcat.addServlet(context, "hello", new HttpServlet() {
                @Override
                protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
                    links.set(request.getServletContext().getAttribute(DescopeLinks.CONTEXT_ATTRIBUTE));
                    response.getWriter().print("hello " + request.getRemoteUser());
                }
            });
            context.addServletMappingDecoded("/*", "hello");
            FilterDef filter = new FilterDef();
            filter.setFilterName("descope");
            filter.setFilter(new DescopeAuthFilter(Map.of("projectId", Emulators.PROJECT_ID, "baseUrl", emulator.baseUrl(),
                    "publicBaseUrl", "http://127.0.0.1/app", "acceptBearer", "true")));
            context.addFilterDef(filter);
            FilterMap mapping = new FilterMap();
            mapping.setFilterName("descope");
            mapping.addURLPatternDecoded("/*");
            context.addFilterMap(mapping);
            tomcat.start();
            try {
                int port = tomcat.getConnector().getLocalPort();
                HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                                URI.create("http://127.0.0.1:" + port + "/app/hello"))
                        .header("Authorization", "Bearer " + sessionJwt).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(answer.body()).startsWith("hello U");
                assertThat(links.get()).isInstanceOf(DescopeLinks.class);
            } finally {
                tomcat.stop();
                tomcat.destroy();
            }

            assertThat(threadsOfOurs()).as("threads left by the filter after undeploy").isEmpty();
        }
    }

    /** Live threads named by descope-filter's own code (the emulator's threads are the test's, not the app's). */
    private static List<String> threadsOfOurs() throws InterruptedException {
        List<String> left = List.of();
        for (int attempt = 0; attempt < 50; attempt++) {
            left = Thread.getAllStackTraces().keySet().stream()
                    .filter(Thread::isAlive)
                    .map(Thread::getName)
                    .filter(name -> name.startsWith("descope-") && !name.startsWith("descope-emulator"))
                    .toList();
            if (left.isEmpty()) {
                return left;
            }
            Thread.sleep(100);
        }
        return left;
    }
}
