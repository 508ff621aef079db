package io.descopefilter.sample.browser;

import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * One person's browser on the sample, with the steps a person takes: open a page, fill in a form, follow the link
 * in the emulator's outbox, confirm the sign-in. Waits are explicit conditions, never fixed pauses.
 */
public final class Browser {

    private static final Duration PATIENCE = Duration.ofSeconds(15);

    private final ChromeDriver driver;
    private final String baseUrl;
    private final WebDriverWait wait;

    Browser(ChromeDriver driver, String baseUrl) {
        this.driver = driver;
        this.baseUrl = baseUrl;
        this.wait = new WebDriverWait(driver, PATIENCE);
    }

    /** Opens an application path such as {@code /app/admin}. */
    public Browser open(String path) {
        driver.get(baseUrl + path);
        return this;
    }

    /** Opens an absolute URL, e.g. the emulator's outbox. */
    public Browser openUrl(String url) {
        driver.get(url);
        return this;
    }

    /** Path and query of the current page, e.g. {@code /login?next=%2Fapp%2Fadmin}. */
    public String location() {
        URI uri = URI.create(driver.getCurrentUrl());
        return uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    }

    public String heading() {
        return driver.findElement(By.tagName("h1")).getText();
    }

    public String textOf(String id) {
        return driver.findElement(By.id(id)).getText();
    }

    public String pageText() {
        return driver.findElement(By.tagName("body")).getText();
    }

    public Optional<String> cookie(String name) {
        return Optional.ofNullable(driver.manage().getCookieNamed(name)).map(Cookie::getValue);
    }

    /** The {@code href} of the link with this ID, e.g. a link the page shows. */
    public String hrefOf(String id) {
        return driver.findElement(By.id(id)).getDomAttribute("href");
    }

    /**
     * Opens {@code path} again and again (every half second, for up to {@code limit}) until the location it ends up
     * at satisfies {@code condition}: for what changes with time, such as a sign-in growing old or a session token
     * expiring.
     */
    public Browser openUntil(String path, Predicate<String> condition, Duration limit) {
        new WebDriverWait(driver, limit, Duration.ofMillis(500)).until(d -> {
            driver.get(baseUrl + path);
            return condition.test(location());
        });
        return this;
    }

    /** Types into the field with this ID, replacing what was there. */
    public Browser fill(String id, String value) {
        WebElement field = driver.findElement(By.id(id));
        field.clear();
        field.sendKeys(value);
        return this;
    }

    /** Presses the submit button of the form with this ID and waits for the next page. */
    public Browser submit(String formId) {
        WebElement button = driver.findElement(By.cssSelector("#" + formId + " button[type=submit]"));
        clickAndWaitForNewPage(button);
        return this;
    }

    /** Presses the button with this label and waits for the next page. */
    public Browser press(String label) {
        WebElement button = driver.findElements(By.tagName("button")).stream()
                .filter(b -> b.getText().strip().equals(label)).findFirst()
                .orElseThrow(() -> new AssertionError("No button '" + label + "' on " + location()));
        clickAndWaitForNewPage(button);
        return this;
    }

    /** Follows the link with this text and waits for the next page. */
    public Browser follow(String linkText) {
        clickAndWaitForNewPage(driver.findElement(By.linkText(linkText)));
        return this;
    }

    /** Follows the "open the outbox" link of a "check your inbox" page (dev mode), in this tab. */
    public Browser openOutboxFromPage() {
        return openUrl(driver.findElement(By.id("outbox-link")).getDomAttribute("href"));
    }

    /** On the outbox page: follows the first link of the newest message to {@code address}. */
    public Browser followNewestLinkTo(String address) {
        WebElement link = newestMessageTo(address).findElement(By.cssSelector("li a"));
        clickAndWaitForNewPage(link);
        return this;
    }

    /** On the outbox page: follows the enchanted link numbered {@code number} in the newest message to {@code address}. */
    public Browser followEnchantedLink(String address, String number) {
        WebElement link = newestMessageTo(address).findElements(By.cssSelector("li")).stream()
                .filter(item -> item.findElement(By.className("number")).getText().strip().equals(number))
                .findFirst()
                .orElseThrow(() -> new AssertionError("No link numbered " + number + " for " + address))
                .findElement(By.tagName("a"));
        clickAndWaitForNewPage(link);
        return this;
    }

    /** Waits until the current location (path and query) is {@code expected}; e.g. while enchanted-link polling runs. */
    public Browser waitForLocation(String expected) {
        waitFor(d -> location().equals(expected));
        return this;
    }

    private WebElement newestMessageTo(String address) {
        return driver.findElements(By.tagName("article")).stream()
                .filter(article -> article.findElement(By.tagName("header")).getText().contains("to " + address))
                .findFirst()
                .orElseThrow(() -> new AssertionError("No message to " + address + " in the outbox:\n" + pageText()));
    }

    /**
     * Clicks, then waits until the old page is gone and the new one has loaded: the old page carries a marker in its
     * window object, which a new document does not have. While the browser is between documents, scripts fail;
     * the wait ignores that and asks again.
     */
    private void clickAndWaitForNewPage(WebElement element) {
        driver.executeScript("window.sampleTestOldPage = true;");
        element.click();
        new WebDriverWait(driver, PATIENCE).ignoring(WebDriverException.class).until(d -> Boolean.TRUE.equals(
                driver.executeScript("return window.sampleTestOldPage !== true && document.readyState === 'complete';")));
    }

    private void waitFor(Function<WebDriver, Boolean> condition) {
        wait.until(condition);
    }
}
