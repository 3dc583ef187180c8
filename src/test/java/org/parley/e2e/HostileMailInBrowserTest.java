package org.parley.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.EnumSet;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.parley.base.Channel;
import org.parley.channel.InboundMessage;
import org.parley.channel.IngestionService;
import org.parley.support.ParleySpringTest;
import org.parley.team.Role;
import org.parley.team.TeamDirectory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A hostile HTML mail — scripts, event handlers, {@code javascript:} links, remote images, frames, forms
 * and CSS tricks — shown in the timeline of a real browser: nothing runs, nothing is fetched from outside,
 * the page stays usable.
 */
@ParleySpringTest
@Tag("browser")
@ExtendWith(BrowserAvailable.class)
class HostileMailInBrowserTest {

    @LocalServerPort
    int port;
    @Autowired
    TeamDirectory team;
    @Autowired
    IngestionService ingestion;

    WebDriver driver;
    HttpServer tracker;

    @AfterEach
    void stop() {
        if (driver != null) {
            driver.quit();
        }
        if (tracker != null) {
            tracker.stop(0);
        }
    }

    @Test
    void hostileHtmlMailRendersHarmless() throws Exception {
        AtomicInteger remoteFetches = new AtomicInteger();
        tracker = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        tracker.createContext("/", exchange -> {
            remoteFetches.incrementAndGet();
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        tracker.start();
        String remote = "http://127.0.0.1:" + tracker.getAddress().getPort();

        String run = UUID.randomUUID().toString().substring(0, 8);
        String username = "xss" + run;
        team.createAgent(username, "Ivy Inspector", null, "correct-horse-battery", EnumSet.of(Role.AGENT));
        String html = """
                <html><head><style>body { display: none !important; } * { visibility: hidden; }</style>
                <meta http-equiv="refresh" content="0;url=%1$s/refresh"><base href="%1$s/"></head>
                <body><p id="visible-part">Hostile %2$s: please look at my order</p>
                <script>window.pwned = 'script';</script>
                <img src="%1$s/pixel.png" width="1" height="1">
                <img src="x" onerror="window.pwned = 'onerror'">
                <a id="evil-link" href="javascript:window.pwned = 'link'">click me</a>
                <div onmouseover="window.pwned = 'mouseover'" style="position:fixed;top:0;left:0;width:100%%;height:100%%">cover</div>
                <iframe src="%1$s/frame"></iframe><object data="%1$s/object"></object>
                <svg><script>window.pwned = 'svg'</script><image href="%1$s/svg.png"/></svg>
                <form action="%1$s/form"><input name="card"><button>Send</button></form>
                <p style="background-image: url('%1$s/bg.png')">styled</p>
                <link rel="stylesheet" href="%1$s/style.css">
                </body></html>""".formatted(remote, run);
        ingestion.ingest(new InboundMessage(Channel.EMAIL, "<hostile-" + run + "@mail>",
                new InboundMessage.Sender(Channel.EMAIL, "mallory." + run + "@example.com", "Mallory " + run),
                "Order question " + run, null, html, null, null, null, null));

        driver = Browser.start();
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(90));
        Browser.signIn(driver, port, username, "correct-horse-battery");
        wait.until(ExpectedConditions.elementToBeClickable(By.id("queue-unassigned"))).click();
        wait.until(ExpectedConditions.elementToBeClickable(By.xpath(
                "//vaadin-grid-cell-content[contains(., 'Mallory " + run + "')]"))).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("timeline"), "Hostile " + run));

        WebElement link = driver.findElement(By.xpath("//*[@id='timeline']//a[contains(., 'click me')]"));
        String href = link.getAttribute("href");
        assertThat(href == null || !href.startsWith("javascript:")).as("link target " + href).isTrue();
        link.click();
        new org.openqa.selenium.interactions.Actions(driver).moveToElement(
                driver.findElement(By.xpath("//*[@id='timeline']//*[contains(., 'Hostile " + run + "')]"))).perform();
        Thread.sleep(1000); // give anything that slipped through time to run or load

        JavascriptExecutor js = (JavascriptExecutor) driver;
        assertThat(js.executeScript("return window.pwned === undefined")).isEqualTo(true);
        assertThat(remoteFetches.get()).as("requests to the remote host").isZero();
        assertThat(driver.findElements(By.cssSelector("#timeline script, #timeline iframe, #timeline object,"
                + " #timeline form, #timeline style, #timeline link, #timeline base, #timeline meta"))).isEmpty();
        assertThat(driver.findElement(By.id("conversation-list")).isDisplayed()).isTrue();
        assertThat(driver.getCurrentUrl()).startsWith("http://localhost:" + port);
    }
}
