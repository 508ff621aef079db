package io.descopefilter.sample.browser;

import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Headless Chromium from the operating system's packages ({@code chromium} and {@code chromium-driver} on Debian),
 * with explicit paths so that Selenium never tries to download a browser. Other paths can be given with
 * {@code -Dsample.chromium=...} and {@code -Dsample.chromedriver=...}.
 */
final class Chromium {

    private static final Path BINARY = Path.of(System.getProperty("sample.chromium", "/usr/bin/chromium"));
    private static final Path DRIVER = Path.of(System.getProperty("sample.chromedriver", "/usr/bin/chromedriver"));

    private Chromium() {
    }

    /** A new browser with its own empty profile in {@code profile}: no cookies shared with other browsers. */
    static ChromeDriver start(Path profile) {
        requireInstalled();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BINARY.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--window-size=1280,900", "--user-data-dir=" + profile.toAbsolutePath());
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort()
                .build();
        return new ChromeDriver(service, options);
    }

    /** The browser tests must not be skipped silently: a machine without Chromium fails them, saying what to do. */
    private static void requireInstalled() {
        for (Path path : new Path[] {BINARY, DRIVER}) {
            File file = path.toFile();
            if (!Files.isRegularFile(path) || !file.canExecute()) {
                throw new IllegalStateException("The browser tests need Chromium and its driver, but " + path
                        + " is missing. Install them (Debian/Ubuntu: apt-get update && apt-get install -y "
                        + "--no-install-recommends chromium chromium-driver), or point -Dsample.chromium and "
                        + "-Dsample.chromedriver at your own.");
            }
        }
    }
}
