package io.descopefilter.jakarta.internal.cdi;

import io.descopefilter.core.DescopeEvent;
import io.descopefilter.core.DescopeEventListener;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.servlet.ServletContext;

import java.lang.System.Logger.Level;
import java.util.Optional;

/**
 * What the filter's {@code init} does with the web application's CDI container, when it has one: fire the filter's
 * events as CDI events, so that {@code void on(@Observes DescopeEvent event)} (or any of its record types) works
 * ({@link #listener}), and hand {@link DescopeLinksProducer} the application's {@code ServletContext}, so that
 * {@code @Inject DescopeLinks} works on any thread ({@link #bindLinks}). Only the filter touches this class, and
 * only after checking that the CDI API is on the class path, so a server without CDI never loads the CDI types. Not
 * a bean: it has no bean-defining annotation, and the jar's {@code beans.xml} discovers annotated classes only.
 */
public final class CdiIntegration {

    private static final System.Logger LOG = System.getLogger(CdiIntegration.class.getName());
    private static final String CDI_CLASS = "jakarta.enterprise.inject.spi.CDI";

    private CdiIntegration() {
    }

    /** A listener firing CDI events, when this web application runs a CDI container; else empty. */
    public static Optional<DescopeEventListener> listener(ServletContext context) {
        if (!cdiApiPresent()) {
            return Optional.empty();
        }
        return Bridge.beanManager(context).map(Bridge::eventListener);
    }

    /**
     * Hands this web application's {@link DescopeLinksProducer} the context in which the filter publishes its
     * {@code DescopeLinks}. Nothing happens without a CDI container or without the producer bean (the jar is then
     * not a bean archive, and nothing can inject {@code DescopeLinks} either).
     */
    public static void bindLinks(ServletContext context) {
        if (cdiApiPresent()) {
            Bridge.beanManager(context).ifPresent(beans -> Bridge.bindLinks(beans, context));
        }
    }

    private static boolean cdiApiPresent() {
        try {
            Class.forName(CDI_CLASS, false, CdiIntegration.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /** Holds the CDI types; loaded only once the API is known to be there. */
    private static final class Bridge {

        static Optional<BeanManager> beanManager(ServletContext context) {
            try {
                // Servlet containers with CDI publish the application's BeanManager here (Weld does); CDI.current()
                // is the portable fallback.
                Object published = context.getAttribute(BeanManager.class.getName());
                return Optional.of(published instanceof BeanManager manager ? manager
                        : CDI.current().getBeanManager());
            } catch (RuntimeException | LinkageError e) {
                LOG.log(Level.DEBUG, "No CDI container for this application: events are not fired as CDI events"
                        + " and DescopeLinks cannot be injected");
                return Optional.empty();
            }
        }

        static DescopeEventListener eventListener(BeanManager beans) {
            Event<DescopeEvent> event = beans.getEvent().select(DescopeEvent.class);
            LOG.log(Level.DEBUG, "Events are also fired as CDI events (@Observes DescopeEvent)");
            return event::fire;
        }

        static void bindLinks(BeanManager beans, ServletContext context) {
            try {
                Bean<?> bean = beans.resolve(beans.getBeans(DescopeLinksProducer.class));
                if (bean == null) {
                    LOG.log(Level.DEBUG, "No DescopeLinksProducer bean in this application: @Inject DescopeLinks is"
                            + " not available");
                    return;
                }
                // The application-scoped bean's client proxy: the instance whose producer method every injection
                // of DescopeLinks calls.
                ((DescopeLinksProducer) beans.getReference(bean, DescopeLinksProducer.class,
                        beans.createCreationalContext(bean))).bind(context);
                LOG.log(Level.DEBUG, "@Inject DescopeLinks hands out this filter's instance");
            } catch (RuntimeException e) {
                // The filter itself works; only injection does not (DescopeLinks.from still does).
                LOG.log(Level.WARNING, "@Inject DescopeLinks cannot be served in this application: {0}",
                        e.toString());
            }
        }
    }
}
