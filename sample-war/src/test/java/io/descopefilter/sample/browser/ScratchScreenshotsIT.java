package io.descopefilter.sample.browser;

import io.descopefilter.emulator.EmulatorTokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;

import java.nio.file.Files;
import java.nio.file.Path;

class ScratchScreenshotsIT {
    @RegisterExtension
    static final SampleSite SITE = new SampleSite();

    @Test
    void shots() throws Exception {
        Path dir = Path.of("target/shots");
        Files.createDirectories(dir);
        Path profile = Files.createTempDirectory("shot");
        ChromeDriver d = Chromium.start(profile);
        try {
            d.get(SITE.baseUrl() + "/"); shot(d, dir, "home");
            d.get(SITE.baseUrl() + "/app/admin"); shot(d, dir, "login");
            d.findElement(org.openqa.selenium.By.id("email")).sendKeys("alice@example.com");
            d.findElement(org.openqa.selenium.By.cssSelector("#email-form button")).click();
            Thread.sleep(1000); shot(d, dir, "check-email");
            d.get(SITE.outboxUrl()); shot(d, dir, "outbox");
            d.findElement(org.openqa.selenium.By.cssSelector("article li a")).click();
            Thread.sleep(1000); shot(d, dir, "confirm");
            d.get(SITE.baseUrl() + "/login");
            d.findElement(org.openqa.selenium.By.id("enchanted-email")).sendKeys("alice@example.com");
            d.findElement(org.openqa.selenium.By.cssSelector("#enchanted-form button")).click();
            Thread.sleep(1000); shot(d, dir, "enchanted");
            d.get(SITE.baseUrl() + "/login");
            d.findElement(org.openqa.selenium.By.id("phone")).sendKeys("12345");
            d.findElement(org.openqa.selenium.By.cssSelector("#sms-form button")).click();
            Thread.sleep(1000); shot(d, dir, "login-error");
            EmulatorTokens alice = SITE.emulator().issueSession("alice@example.com");
            d.manage().addCookie(new Cookie("DS", alice.sessionJwt(), "/"));
            d.manage().addCookie(new Cookie("DSR", alice.refreshJwt(), "/"));
            d.get(SITE.baseUrl() + "/app/"); shot(d, dir, "dashboard");
            d.get(SITE.baseUrl() + "/app/admin"); shot(d, dir, "admin");
            d.get(SITE.baseUrl() + "/app/account"); shot(d, dir, "account");
            d.manage().deleteAllCookies();
            d.get(SITE.baseUrl() + "/");
            EmulatorTokens bob = SITE.emulator().issueSession("bob@example.com");
            d.manage().addCookie(new Cookie("DS", bob.sessionJwt(), "/"));
            d.manage().addCookie(new Cookie("DSR", bob.refreshJwt(), "/"));
            d.get(SITE.baseUrl() + "/app/admin"); shot(d, dir, "admin-refused");
        } finally {
            d.quit();
        }
    }

    private static void shot(ChromeDriver d, Path dir, String name) throws Exception {
        Files.write(dir.resolve(name + ".png"), d.getScreenshotAs(OutputType.BYTES));
    }
}
