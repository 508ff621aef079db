package io.descopefilter.microprofile.health;

import io.descopefilter.emulator.DescopeEmulator;
import io.descopefilter.emulator.Fault;
import io.descopefilter.jakarta.DescopeAuthFilter;
import io.descopefilter.testsupport.Emulators;
import jakarta.servlet.ServletContext;
import org.apache.catalina.Context;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.descriptor.web.FilterDef;
import org.apache.tomcat.util.descriptor.web.FilterMap;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/** The check against the filter deployed in an embedded Tomcat (no CDI: the check is made by hand). */
class DescopeReadinessCheckTest {

    @TempDir
    Path baseDir;

    @Test
    void upWhenTheFilterHoldsKeysAndTheBreakerIsClosed() throws Exception {
        try (DescopeEmulator emulator = Emulators.start()) {
            HealthCheckResponse answer = withFilter(emulator, context -> new DescopeReadinessCheck(context).call());

            assertThat(answer.getName()).isEqualTo("descope");
            assertThat(answer.getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
            assertThat(answer.getData()).contains(Map.of("keys", "UP", "descope", "UP"));
        }
    }

    @Test
    void downWhenDescopesKeysCannotBeFetched() throws Exception {
        try (DescopeEmulator emulator = Emulators.start()) {
            emulator.faults().set("/v2/keys/" + Emulators.PROJECT_ID, Fault.status(503, null));

            HealthCheckResponse answer = withFilter(emulator, context -> new DescopeReadinessCheck(context).call());

            assertThat(answer.getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
            assertThat(answer.getData()).contains(Map.of("keys", "DOWN", "descope", "UP"));
        }
    }

    @Test
    void downWithoutAFilter() throws Exception {
        Tomcat tomcat = tomcat();
        Context context = tomcat.addContext("/app", baseDir.toString());
        tomcat.start();
        try {
            HealthCheckResponse answer = new DescopeReadinessCheck(context.getServletContext()).call();
            assertThat(answer.getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
            assertThat(answer.getData()).contains(Map.of("filter", "DOWN"));
        } finally {
            tomcat.stop();
            tomcat.destroy();
        }
    }

    private <T> T withFilter(DescopeEmulator emulator, Function<ServletContext, T> action) throws Exception {
        Tomcat tomcat = tomcat();
        Context context = tomcat.addContext("/app", baseDir.toString());
        FilterDef filter = new FilterDef();
        filter.setFilterName("descope");
        filter.setFilter(new DescopeAuthFilter(Map.of("projectId", Emulators.PROJECT_ID,
                "baseUrl", emulator.baseUrl(), "publicBaseUrl", "http://127.0.0.1/app")));
        context.addFilterDef(filter);
        FilterMap mapping = new FilterMap();
        mapping.setFilterName("descope");
        mapping.addURLPatternDecoded("/*");
        context.addFilterMap(mapping);
        tomcat.start();
        try {
            return action.apply(context.getServletContext());
        } finally {
            tomcat.stop();
            tomcat.destroy();
        }
    }

    private Tomcat tomcat() {
        Tomcat tomcat = new Tomcat();
        tomcat.setBaseDir(baseDir.toString());
        tomcat.setHostname("127.0.0.1");
        tomcat.setPort(0);
        tomcat.getConnector().setProperty("address", "127.0.0.1");
        return tomcat;
    }
}
