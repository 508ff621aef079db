package io.descopefilter.sample.launcher;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * How to launch the sample.
 *
 * @param war          the built WAR file
 * @param port         port for the application on 127.0.0.1 ({@code 0}: any free port)
 * @param emulatorPort port for the Descope emulator in dev mode ({@code 0}: any free port)
 * @param environment  the environment variables to decide the mode by (dev mode without {@code DESCOPE_PROJECT_ID})
 * @param devSettings  filter settings added in dev mode on top of the launcher's own (tests shorten
 *                     {@code stepUpMaxAge} or raise send limits with them); empty for none
 * @param devSessionTtl lifetime of the emulator's session JWTs in dev mode, or {@code null} for its default
 */
public record LaunchOptions(Path war, int port, int emulatorPort, Map<String, String> environment,
                            Map<String, String> devSettings, Duration devSessionTtl) {

    /** Options without dev-mode tuning. */
    public LaunchOptions(Path war, int port, int emulatorPort, Map<String, String> environment) {
        this(war, port, emulatorPort, environment, Map.of(), null);
    }

    public LaunchOptions {
        if (war == null || !Files.isRegularFile(war)) {
            throw new IllegalArgumentException("No WAR file at " + war + ": build it first with "
                    + "./mvnw -B -pl sample-war -am package -DskipTests");
        }
        checkPort(port, "sample.port");
        checkPort(emulatorPort, "sample.emulatorPort");
        environment = Map.copyOf(environment);
        devSettings = devSettings == null ? Map.of() : Map.copyOf(devSettings);
    }

    /** Options from the system properties {@code sample.war}, {@code sample.port}, {@code sample.emulatorPort}. */
    public static LaunchOptions fromSystemProperties(Map<String, String> environment) {
        String war = System.getProperty("sample.war");
        if (war == null || war.isBlank()) {
            throw new IllegalArgumentException("Set -Dsample.war=<path of the sample WAR>");
        }
        return new LaunchOptions(Path.of(war), intProperty("sample.port", 8080),
                intProperty("sample.emulatorPort", 4500), environment);
    }

    /** The Descope project to use, or empty for dev mode with the emulator. */
    public Optional<String> descopeProjectId() {
        return Optional.ofNullable(environment.get("DESCOPE_PROJECT_ID")).filter(id -> !id.isBlank());
    }

    /** A variable of {@link #environment()}, if set and not blank. */
    public Optional<String> variable(String name) {
        return Optional.ofNullable(environment.get(name)).filter(value -> !value.isBlank());
    }

    private static int intProperty(String name, int defaultValue) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank()) {
            return defaultValue;
        }
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a port number, not '" + value + "'");
        }
    }

    private static void checkPort(int port, String property) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException(property + " must be between 0 and 65535, not " + port);
        }
    }
}
