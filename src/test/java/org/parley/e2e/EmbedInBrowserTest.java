package org.parley.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.parley.base.Channel;
import org.parley.conversation.ui.embed.EmbedLinks;
import org.parley.customer.CustomerDirectory;
import org.parley.customer.CustomerDirectory.IdentityInput;
import org.parley.support.ParleySpringTest;
import org.parley.team.Role;
import org.parley.team.TeamDirectory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/**
 * The embedded customer panel in real headless Chromium, framed by a "CRM" page served from another origin: an
 * allowed origin ({@code http://localhost:*}) shows the read-only panel of a signed link; a refused one
 * ({@code http://127.0.0.1:…}) gets no panel in its frame (the browser enforces the CSP {@code frame-ancestors}).
 */
@ParleySpringTest
@TestPropertySource(properties = {
        "parley.embed.secret=" + EmbedInBrowserTest.SECRET,
        "parley.embed.agent=embed-e2e-viewer",
        "parley.security.frame-ancestors='self' http://localhost:*"})
@Tag("browser")
@ExtendWith(BrowserAvailable.class)
class EmbedInBrowserTest {

    static final String SECRET = "embed-e2e-secret";

    @LocalServerPort
    int port;
    @Autowired
    TeamDirectory team;
    @Autowired
    CustomerDirectory customers;

    HttpServer crm;
    WebDriver driver;
    volatile String frameUrl = "";

    @BeforeEach
    void aCrmPage() throws IOException {
        if (team.findAgentByUsername("embed-e2e-viewer").isEmpty()) {
            team.createAgent("embed-e2e-viewer", "Embed Viewer", null, "viewer-passphrase-1", EnumSet.of(Role.AGENT));
        }
        crm = HttpServer.create(new InetSocketAddress(0), 0);
        crm.createContext("/crm.html", exchange -> {
            byte[] page = ("<!doctype html><html><body><h1>CRM</h1><iframe id=\"panel\" width=\"420\" height=\"800\""
                    + " onload=\"window.__panelLoaded = true\" src=\"" + frameUrl.replace("&", "&amp;")
                    + "\"></iframe></body></html>").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, page.length);
            exchange.getResponseBody().write(page);
            exchange.close();
        });
        crm.start();
    }

    @AfterEach
    void stop() {
        if (driver != null) {
            driver.quit();
        }
        crm.stop(0);
    }

    @Test
    void anAllowedSiteShowsTheReadOnlyPanel_aRefusedOneGetsNoPanel() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        customers.create("Frieda Frame " + run, List.of(new IdentityInput(Channel.EMAIL, "frieda-" + run + "@example.com")));
        String identity = "EMAIL:frieda-" + run + "@example.com";
        long exp = Instant.now().getEpochSecond() + 600;
        frameUrl = "http://localhost:" + port + "/embed/customers?identity="
                + URLEncoder.encode(identity, StandardCharsets.UTF_8) + "&exp=" + exp + "&sig="
                + EmbedLinks.sign(SECRET, null, identity, exp);

        driver = Browser.start();
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(120));

        driver.get("http://localhost:" + crm.getAddress().getPort() + "/crm.html");
        wait.until(ExpectedConditions.frameToBeAvailableAndSwitchToIt("panel"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("embed-customer-name"),
                "Frieda Frame " + run));
        assertThat(driver.findElements(By.id("embed-read-only"))).hasSize(1);
        assertThat(driver.findElements(By.id("composer"))).isEmpty();
        driver.switchTo().defaultContent();

        // the same page from another site: the browser refuses to show Parley in its frame
        driver.get("http://127.0.0.1:" + crm.getAddress().getPort() + "/crm.html");
        wait.until(d -> Boolean.TRUE.equals(((JavascriptExecutor) d).executeScript("return window.__panelLoaded === true")));
        wait.until(ExpectedConditions.frameToBeAvailableAndSwitchToIt("panel"));
        String location = String.valueOf(((JavascriptExecutor) driver).executeScript("return document.URL"));
        assertThat(location).doesNotStartWith("http://localhost:" + port);
        assertThat(driver.findElements(By.id("embed-customer-name"))).isEmpty();
    }

    /** CRM and Parley on one site (ports do not make another site): the agent's session cookie reaches the frame. */
    @Test
    void aSignedInAgentGetsTheComposerInTheFrameWithoutASignature() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String username = "framed" + run;
        team.createAgent(username, "Fran Framed", null, "correct-horse-battery", EnumSet.of(Role.AGENT));
        customers.create("Gina Frame " + run, List.of(new IdentityInput(Channel.EMAIL, "gina-" + run + "@example.com")));
        frameUrl = "http://localhost:" + port + "/embed/customers?identity="
                + URLEncoder.encode("EMAIL:gina-" + run + "@example.com", StandardCharsets.UTF_8);

        driver = Browser.start();
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(120));
        Browser.signIn(driver, port, username, "correct-horse-battery");
        driver.get("http://localhost:" + crm.getAddress().getPort() + "/crm.html");
        wait.until(ExpectedConditions.frameToBeAvailableAndSwitchToIt("panel"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("embed-customer-name"),
                "Gina Frame " + run));
        assertThat(driver.findElements(By.id("embed-read-only"))).isEmpty();
        assertThat(driver.findElements(By.id("embed-open-in-parley"))).hasSize(1);
    }
}
