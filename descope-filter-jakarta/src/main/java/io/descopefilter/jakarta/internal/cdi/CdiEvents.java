package io.descopefilter.jakarta.internal.cdi;

import io.descopefilter.core.DescopeEvent;
import io.descopefilter.core.DescopeEventListener;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.servlet.ServletContext;

import java.lang.System.Logger.Level;
import java.util.Optional;

/**
 * Fires the filter's events as CDI events, so that {@code void on(@Observes DescopeEvent event)} (or any of its
 * record types) works in a CDI application. Only {@link #listener()} touches this class, and only after checking
 * that the CDI API is on the class path, so a server without CDI never loads it. Not a bean: it has no
 * bean-defining annotation, and the jar's {@code beans.xml} discovers annotated classes only.
 */
public final class CdiEvents {

    private static final System.Logger LOG = System.getLogger(CdiEvents.class.getName());
    private static final String CDI_CLASS = "jakarta.enterprise.inject.spi.CDI";

    private CdiEvents() {
    }

    /** A listener firing CDI events, when this web application runs a CDI container; else empty. */
    public static Optional<DescopeEventListener> listener(ServletContext context) {
        if (!cdiApiPresent()) {
            return Optional.empty();
        }
        return CdiBridge.listener(context);
    }

    private static boolean cdiApiPresent() {
        try {
            Class.forName(CDI_CLASS, false, CdiEvents.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /** Holds the CDI types; loaded only once the API is known to be there. */
    private static final class CdiBridge {
        static Optional<DescopeEventListener> listener(ServletContext context) {
            BeanManager beans;
            try {
                // Servlet containers with CDI publish the application's BeanManager here (Weld does); CDI.current()
                // is the portable fallback.
                Object published = context.getAttribute(BeanManager.class.getName());
                beans = published instanceof BeanManager manager ? manager : CDI.current().getBeanManager();
            } catch (RuntimeException | LinkageError e) {
                LOG.log(Level.DEBUG, "No CDI container for this application: events are not fired as CDI events");
                return Optional.empty();
            }
            Event<DescopeEvent> event = beans.getEvent().select(DescopeEvent.class);
            LOG.log(Level.DEBUG, "Events are also fired as CDI events (@Observes DescopeEvent)");
            return Optional.of(event::fire);
        }
    }
}
