package io.descopefilter.microprofile.health;

import io.descopefilter.jakarta.DescopeLinks;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.ServletContext;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code /health/ready} includes {@code descope}: UP when the web application's {@code DescopeAuthFilter} holds
 * Descope's signing keys and its circuit breaker is closed (and any check a store adds passes); DOWN otherwise,
 * also before the filter has started. The data names each check with {@code UP} or {@code DOWN}: nothing secret.
 */
@Readiness
@ApplicationScoped
public class DescopeReadinessCheck implements HealthCheck {

    /** The check's name in the health answer. */
    public static final String NAME = "descope";

    @Inject
    ServletContext servletContext;

    /** For CDI. */
    public DescopeReadinessCheck() {
    }

    /** Without CDI: the check of the filter published in {@code servletContext}. */
    public DescopeReadinessCheck(ServletContext servletContext) {
        this.servletContext = servletContext;
    }

    @Override
    public HealthCheckResponse call() {
        Object published = servletContext.getAttribute(DescopeLinks.CONTEXT_ATTRIBUTE);
        if (!(published instanceof DescopeLinks links)) {
            return new HealthCheckResponse(NAME, HealthCheckResponse.Status.DOWN,
                    Optional.of(Map.of("filter", "DOWN")));
        }
        io.descopefilter.core.Readiness.Report report = links.readiness();
        Map<String, Object> data = new LinkedHashMap<>();
        report.checks().forEach((name, up) -> data.put(name, up ? "UP" : "DOWN"));
        return new HealthCheckResponse(NAME, report.up() ? HealthCheckResponse.Status.UP
                : HealthCheckResponse.Status.DOWN, Optional.of(data));
    }
}
