package io.descopefilter.jakarta.internal.cdi;

import io.descopefilter.jakarta.DescopeLinks;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Produces;
import jakarta.servlet.ServletContext;

/**
 * Makes {@code @Inject DescopeLinks} work where CDI is present: hands out the instance that the web application's
 * {@code DescopeAuthFilter} published. {@code DescopeLinks} is final and owned by the filter, so it is produced
 * {@code @Dependent} rather than proxied (the model is pac4j's {@code Pac4jProducer}).
 *
 * <p>The producer does not inject {@code ServletContext}: CDI's built-in {@code ServletContext} bean is
 * request-scoped in Weld (Payara, WildFly, weld-servlet on Jetty and Tomcat), so it fails on a thread without an
 * active request context (a job on the application's own executor, a server's health endpoint). Instead the filter's
 * {@code init} hands this bean its {@code ServletContext} ({@link CdiEvents#bindLinks}), and production reads the
 * published instance from it, on any thread.
 */
@ApplicationScoped
public class DescopeLinksProducer {

    private volatile ServletContext servletContext;

    /** For CDI. */
    public DescopeLinksProducer() {
    }

    /** The web application whose filter's instance this producer hands out; called by the filter's {@code init}. */
    public void bind(ServletContext context) {
        servletContext = context;
    }

    @Produces
    @Dependent
    DescopeLinks descopeLinks() {
        ServletContext context = servletContext;
        if (context == null) {
            throw new IllegalStateException("No DescopeAuthFilter has been initialised in this web application yet:"
                    + " @Inject DescopeLinks works once the filter's init has run (at deployment, or on some servers"
                    + " at the first request); a bean created earlier can inject Instance<DescopeLinks> and call get()"
                    + " when it needs it");
        }
        return DescopeLinks.from(context);
    }
}
