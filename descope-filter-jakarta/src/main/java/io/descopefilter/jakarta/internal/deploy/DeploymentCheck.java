package io.descopefilter.jakarta.internal.deploy;

import io.descopefilter.core.internal.config.InvalidSettingException;
import io.descopefilter.core.internal.config.Setting;
import io.descopefilter.jakarta.internal.config.FilterConfiguration;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import java.lang.System.Logger.Level;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Checks the settings of every {@code DescopeAuthFilter} declared in the application when it is deployed, so that a
 * wrong setting fails the deployment itself on every server. Some servers (WildFly, Open Liberty) initialise filters
 * only at the first request; without this check a bad setting would deploy "successfully" and every request would
 * then fail.
 *
 * <p>The check reads the settings exactly as the filter's {@code init} does (init-params, context-params, system
 * properties, environment) and throws {@link IllegalStateException} from {@code contextInitialized} on an invalid
 * value, which every container turns into a failed deployment. One case is left to {@code init}: a registration
 * without init-params whose only problem is a missing required setting may be a filter added in code with
 * {@code new DescopeAuthFilter(Map)}, whose map is not visible here.
 *
 * <p>It neither builds a client nor calls Descope: the filter's {@code init} still does the start-up check.
 */
public final class DeploymentCheck implements ServletContainerInitializer {

    private static final System.Logger LOG = System.getLogger(DeploymentCheck.class.getName());
    /** By name: internals do not depend on the filter class (it wires them, not the other way round). */
    static final String FILTER_CLASS = "io.descopefilter.jakarta.DescopeAuthFilter";

    /**
     * Finds the filter's registrations now, while the context may still be asked for them (a listener added here
     * may not: the Servlet specification makes {@code getFilterRegistrations} throw for it, and WildFly, Liberty and
     * Payara enforce that), and checks their settings when the context is initialised.
     */
    @Override
    public void onStartup(Set<Class<?>> classes, ServletContext context) {
        Map<String, FilterRegistration> ours = new LinkedHashMap<>();
        context.getFilterRegistrations().forEach((name, registration) -> {
            if (FILTER_CLASS.equals(registration.getClassName())) {
                ours.put(name, registration);
            }
        });
        if (!ours.isEmpty()) {
            context.addListener(new SettingsListener(ours));
        }
    }

    /** Runs when the context is initialised, before any filter's {@code init}; a throw fails the deployment. */
    static final class SettingsListener implements ServletContextListener {

        private final Map<String, FilterRegistration> registrations;

        SettingsListener(Map<String, FilterRegistration> registrations) {
            this.registrations = Map.copyOf(registrations);
        }

        @Override
        public void contextInitialized(ServletContextEvent event) {
            registrations.forEach((name, registration) -> check(event.getServletContext(), name, registration));
        }
    }

    private static void check(ServletContext context, String filterName, FilterRegistration registration) {
        try {
            FilterConfiguration.read(Map.of(), registration::getInitParameter, context::getInitParameter);
        } catch (InvalidSettingException e) {
            if (mayBeGivenInCode(context, registration, e)) {
                LOG.log(Level.INFO, "DescopeAuthFilter ''{0}'' in {1}: {2}; it has no init-params, so it may be"
                        + " given its settings in code: they are checked when the filter is initialised",
                        filterName, contextName(context), e.getMessage());
                return;
            }
            LOG.log(Level.ERROR, "DescopeAuthFilter ''{0}'' in {1} cannot start, the application is not deployed:"
                    + " {2}", filterName, contextName(context), e.getMessage());
            throw new IllegalStateException("DescopeAuthFilter '" + filterName + "' in " + contextName(context)
                    + ": " + e.getMessage(), e);
        }
    }

    /**
     * True when the filter has no init-params and the setting at fault is simply absent from every other source: a
     * {@code DescopeAuthFilter(Map)} added with {@code ServletContext.addFilter} may carry it in its map.
     */
    private static boolean mayBeGivenInCode(ServletContext context, FilterRegistration registration,
                                            InvalidSettingException e) {
        Setting<?> setting = e.setting();
        return registration.getInitParameters().isEmpty() && setting != null
                && isBlank(context.getInitParameter(setting.name()))
                && isBlank(System.getProperty(setting.systemPropertyName()))
                && isBlank(System.getenv(setting.environmentVariableName()));
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }

    private static String contextName(ServletContext context) {
        String path = context.getContextPath();
        return path == null || path.isEmpty() ? "the root context" : "context " + path;
    }
}
