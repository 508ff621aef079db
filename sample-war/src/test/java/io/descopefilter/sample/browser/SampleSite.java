package io.descopefilter.sample.browser;

import io.descopefilter.emulator.DescopeEmulator;
import io.descopefilter.sample.launcher.LaunchOptions;
import io.descopefilter.sample.launcher.RunningSample;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * The sample WAR just built, served by the launcher in dev mode (emulator alongside) on free ports, once per test
 * class. The environment is given as empty, so a {@code DESCOPE_PROJECT_ID} on the machine never turns the tests
 * towards a real Descope project.
 */
public final class SampleSite implements BeforeAllCallback, AfterAllCallback {

    private final Map<String, String> devSettings;
    private final Duration sessionTtl;
    private RunningSample sample;

    /** The sample as the launcher serves it in dev mode. */
    public SampleSite() {
        this(Map.of(), null);
    }

    /**
     * The sample with extra filter settings (e.g. a short {@code stepUpMaxAge}) and, unless {@code null}, a
     * session JWT lifetime for the emulator.
     */
    public SampleSite(Map<String, String> devSettings, Duration sessionTtl) {
        this.devSettings = Map.copyOf(devSettings);
        this.sessionTtl = sessionTtl;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        String war = System.getProperty("sample.war");
        if (war == null) {
            throw new IllegalStateException("sample.war is not set: run the browser tests with ./mvnw verify, "
                    + "which builds the WAR first");
        }
        sample = RunningSample.start(new LaunchOptions(Path.of(war), 0, 0, Map.of(), devSettings, sessionTtl));
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (sample != null) {
            sample.close();
        }
    }

    /** {@code http://localhost:<port>} */
    public String baseUrl() {
        return sample.baseUrl();
    }

    public String outboxUrl() {
        return sample.outboxUrl().orElseThrow();
    }

    public DescopeEmulator emulator() {
        return sample.emulator().orElseThrow();
    }
}
