package io.descopefilter.microprofile.health;

import io.descopefilter.jakarta.DescopeLinks;
import jakarta.enterprise.context.ApplicationScoped;
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
 *
 * <p>The server calls the check from its own health endpoint, outside any request of the web application, where an
 * injected {@code ServletContext} cannot be used (Payara's is a proxy that needs a request of the application), and
 * Payara's {@code @Initialized(ApplicationScoped.class)} event does not carry the {@code ServletContext} either. So
 * the jar's {@link ReadinessCheckInitializer} hands the check its web application's {@code ServletContext} when the
 * application starts ({@link #bind}), and the check reads the filter's published instance from it at every call.
 */
@Readiness
@ApplicationScoped
public class DescopeReadinessCheck implements HealthCheck {

    /** The check's name in the health answer. */
    public static final String NAME = "descope";

    private volatile ServletContext servletContext;

    /** For CDI. */
    public DescopeReadinessCheck() {
    }

    /** Without CDI: the check of the filter published in {@code servletContext}. */
    public DescopeReadinessCheck(ServletContext servletContext) {
        this.servletContext = servletContext;
    }

    /**
     * The web application whose filter this check reports on. Called by {@link ReadinessCheckInitializer} when the
     * application starts; until then the check is DOWN ({@code filter}).
     */
    public void bind(ServletContext servletContext) {
        this.servletContext = servletContext;
    }

    @Override
    public HealthCheckResponse call() {
        ServletContext context = servletContext;
        Object published = context == null ? null : context.getAttribute(DescopeLinks.CONTEXT_ATTRIBUTE);
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
