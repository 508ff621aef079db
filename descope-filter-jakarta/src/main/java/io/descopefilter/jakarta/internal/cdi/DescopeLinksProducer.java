package io.descopefilter.jakarta.internal.cdi;

import io.descopefilter.jakarta.DescopeLinks;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.servlet.ServletContext;

/**
 * Makes {@code @Inject DescopeLinks} work where CDI is present: hands out the instance that the web application's
 * {@code DescopeAuthFilter} published. {@code DescopeLinks} is final and owned by the filter, so it is produced
 * {@code @Dependent} rather than proxied (the model is pac4j's {@code Pac4jProducer}).
 */
@ApplicationScoped
public class DescopeLinksProducer {

    @Inject
    ServletContext servletContext;

    @Produces
    @Dependent
    DescopeLinks descopeLinks() {
        return DescopeLinks.from(servletContext);
    }
}
