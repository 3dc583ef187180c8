package org.parley.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** A fresh headless Chromium driven through ChromeDriver, with the flags this machine needs. */
final class Browser {

    private Browser() {
    }

    static ChromeDriver start() {
        Path profile;
        try {
            profile = Files.createTempDirectory("parley-chromium");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BrowserAvailable.CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1600,1000", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(BrowserAvailable.CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
        return driver;
    }

    /** Signs in through the login page and waits for the inbox. */
    static void signIn(WebDriver driver, int port, String username, String password) {
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(120));
        driver.get("http://localhost:" + port + "/login");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#vaadinLoginUsername input")))
                .sendKeys(username);
        WebElement passwordField = driver.findElement(By.cssSelector("#vaadinLoginPassword input"));
        passwordField.sendKeys(password);
        passwordField.sendKeys(Keys.ENTER);
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("conversation-list")));
    }

    /**
     * Stamps, in the page, the moment each text {@code <prefix>-<n>-x} first shows in the timeline (a
     * MutationObserver; browser and JVM share the clock). Read with {@link #awaitStamps}.
     */
    static void stampTimelineArrivals(WebDriver driver, String prefix) {
        ((JavascriptExecutor) driver).executeScript("""
                window.__seen = {};
                const pattern = new RegExp(arguments[0] + '-([0-9]+)-x', 'g');
                const timeline = document.getElementById('timeline');
                new MutationObserver(() => {
                  for (const m of timeline.textContent.matchAll(pattern)) {
                    if (!(m[1] in window.__seen)) { window.__seen[m[1]] = Date.now(); }
                  }
                }).observe(timeline, {childList: true, subtree: true, characterData: true});""", prefix);
    }

    /** The arrival stamps by message number, once {@code count} arrived or at {@code deadlineMillis}. */
    static Map<?, ?> awaitStamps(WebDriver driver, int count, long deadlineMillis) throws InterruptedException {
        Map<?, ?> seen = Map.of();
        while (System.currentTimeMillis() < deadlineMillis) {
            seen = (Map<?, ?>) ((JavascriptExecutor) driver).executeScript("return window.__seen;");
            if (seen.size() >= count) {
                break;
            }
            Thread.sleep(100);
        }
        return seen;
    }
}
