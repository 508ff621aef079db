package io.descopefilter.it.managed;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
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
        String directory = System.getProperty("it.war.libs");
        if (directory == null) {
            throw new IllegalStateException("system property it.war.libs is not set (see this module's pom)");
        }
        try (Stream<Path> jars = Files.list(Path.of(directory))) {
            jars.filter(jar -> jar.toString().endsWith(".jar")).sorted()
                    .forEach(jar -> war.addAsLibrary(new File(jar.toString())));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // Jetty's file; harmless elsewhere, but not what a WAR for this server would carry.
        war.delete("WEB-INF/jetty-web.xml");
    }
}
