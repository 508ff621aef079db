package io.descopefilter.microprofile.health;

import jakarta.inject.Inject;
import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import org.eclipse.microprofile.health.Readiness;

import java.util.Set;

/**
 * Registered in {@code META-INF/services}, so it runs for every web application that has this jar in
 * {@code WEB-INF/lib}, whatever its {@code web.xml} says ({@code metadata-complete} does not stop it): it adds
 * {@link Binding}, a listener the container creates with CDI injection, which binds the application's
 * {@link DescopeReadinessCheck} to its {@code ServletContext} once CDI and the application have started.
 */
public final class ReadinessCheckInitializer implements ServletContainerInitializer {

    /** For the container's service loader. */
    public ReadinessCheckInitializer() {
    }

    @Override
    public void onStartup(Set<Class<?>> classes, ServletContext context) {
        context.addListener(Binding.class);
    }

    /** Hands the started application's {@code ServletContext} to its readiness check. */
    public static final class Binding implements ServletContextListener {

        // @Readiness is a qualifier: the check has no @Default.
        @Inject
        @Readiness
        DescopeReadinessCheck check;

        /** For the container, which injects {@link #check}. */
        public Binding() {
        }

        @Override
        public void contextInitialized(ServletContextEvent event) {
            // Null where the container injects nothing (no CDI): then no server calls the check either.
            if (check != null) {
                check.bind(event.getServletContext());
            }
        }
    }
}
