package io.descopefilter.it.managed;

import io.descopefilter.it.support.BuildJars;

import org.jboss.arquillian.container.spi.event.container.BeforeDeploy;
import org.jboss.arquillian.core.api.annotation.Observes;
import org.jboss.arquillian.core.spi.LoadableExtension;
import org.jboss.shrinkwrap.api.Archive;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * The suite's WARs leave the filter out of {@code WEB-INF/lib}, because the embedded containers load it from the test
 * class path. A managed server runs in its own process, so there every test WAR gets the filter and its run-time
 * dependencies in {@code WEB-INF/lib}, as a real application has them. The build copies those jars into the directory
 * named by the system property {@code it.war.libs}. Only the managed-server modules ({@code payara-micro},
 * {@code wildfly}) register this extension, in their {@code META-INF/services/} test resources; the suite jar does
 * not, so the embedded containers never see it.
 */
public final class FilterJarsInWar implements LoadableExtension {

    @Override
    public void register(ExtensionBuilder builder) {
        builder.observer(FilterJarsInWar.class);
    }

    /** Before each deployment (an ApplicationArchiveProcessor would not see the suite's testable=false WARs). */
    public void addLibraries(@Observes BeforeDeploy event) {
        Archive<?> archive = event.getDeployment().getArchive();
        if (!(archive instanceof WebArchive war)) {
            return;
        }
        BuildJars.in("it.war.libs").forEach(war::addAsLibrary);
        // Jetty's file; harmless elsewhere, but not what a WAR for this server would carry.
        war.delete("WEB-INF/jetty-web.xml");
    }
}
