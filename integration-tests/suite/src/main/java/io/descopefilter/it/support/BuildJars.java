package io.descopefilter.it.support;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Jars the build copied for a test WAR into the directory a system property names (set in the module's pom). */
public final class BuildJars {

    private BuildJars() {
    }

    /** The jars, sorted; fails when the property is unset or the directory holds none. */
    public static List<File> in(String property) {
        String directory = System.getProperty(property);
        if (directory == null || directory.isBlank()) {
            throw new IllegalStateException("system property " + property + " is not set (see this module's pom)");
        }
        try (Stream<Path> jars = Files.list(Path.of(directory))) {
            List<File> found = jars.filter(jar -> jar.toString().endsWith(".jar")).sorted().map(Path::toFile).toList();
            if (found.isEmpty()) {
                throw new IllegalStateException("no jar in " + directory);
            }
            return found;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
