package io.descopefilter.sample.browser;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Opens fresh browsers for a test and closes them after it. When a test fails, every open browser's screenshot and
 * page source are saved under {@code target/browser-failures/} (system property {@code sample.failureDirectory})
 * while the browsers are still open, named after the test.
 */
public final class Browsers implements TestExecutionExceptionHandler, AfterEachCallback {

    private final SampleSite site;
    private final List<ChromeDriver> drivers = new ArrayList<>();
    private final List<Path> profiles = new ArrayList<>();

    public Browsers(SampleSite site) {
        this.site = site;
    }

    /** A new browser with an empty profile (its own cookies), at the sample's base URL. */
    public Browser open() throws IOException {
        Path profile = Files.createTempDirectory("sample-chromium-");
        profiles.add(profile);
        ChromeDriver driver = Chromium.start(profile);
        drivers.add(driver);
        return new Browser(driver, site.baseUrl());
    }

    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
        Path directory = Path.of(System.getProperty("sample.failureDirectory", "target/browser-failures"));
        Files.createDirectories(directory);
        String name = context.getRequiredTestClass().getSimpleName() + "." + context.getRequiredTestMethod().getName();
        for (int i = 0; i < drivers.size(); i++) {
            saveEvidence(drivers.get(i), directory.resolve(name + "-browser" + (i + 1)), failure);
        }
        throw failure;
    }

    @Override
    public void afterEach(ExtensionContext context) throws IOException {
        drivers.forEach(ChromeDriver::quit);
        drivers.clear();
        for (Path profile : profiles) {
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
        profiles.clear();
    }

    private static void saveEvidence(ChromeDriver driver, Path base, Throwable failure) {
        try {
            Files.write(Path.of(base + ".png"), driver.getScreenshotAs(OutputType.BYTES));
            String source = "<!-- " + driver.getCurrentUrl() + " -->\n" + driver.getPageSource();
            Files.writeString(Path.of(base + ".html"), source, StandardCharsets.UTF_8);
        } catch (RuntimeException | IOException e) {
            failure.addSuppressed(e);
        }
    }
}
