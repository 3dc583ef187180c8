package org.parley.e2e;

import java.time.Duration;
import java.util.EnumSet;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.parley.support.ApiClient;
import org.parley.support.ParleySpringTest;
import org.parley.team.Role;
import org.parley.team.TeamDirectory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Live updates in real headless Chromium: a message ingested through the HTTP API appears in an open
 * agent's timeline without reload, and a second agent's browser shows the first one viewing and typing.
 */
@ParleySpringTest
@Tag("browser")
@ExtendWith(BrowserAvailable.class)
class LiveUpdatesInBrowserTest {

    @LocalServerPort
    int port;
    @Autowired
    TeamDirectory team;

    WebDriver first;
    WebDriver second;

    @AfterEach
    void quit() {
        if (first != null) {
            first.quit();
        }
        if (second != null) {
            second.quit();
        }
    }

    @Test
    void anIngestedMessageAppearsWithoutReload_andTheOtherAgentSeesViewingAndTyping() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        team.createAgent("live-a-" + run, "Alma Live", null, "correct-horse-battery", EnumSet.of(Role.AGENT));
        team.createAgent("live-b-" + run, "Bert Live", null, "correct-horse-battery", EnumSet.of(Role.AGENT));
        ApiClient api = new ApiClient(port, ParleySpringTest.TOKEN);
        String from = "live." + run + "@example.com";
        String conversationId = api.post("/api/v1/inbound", """
                {"channel": "EMAIL", "externalId": "<live-1-%s@mail>", "from": {"type": "EMAIL", "value": "%s",
                 "name": "Lia Live %s"}, "subject": "Live %s", "text": "First message %s"}"""
                .formatted(run, from, run, run, run)).text("conversationId");

        first = Browser.start();
        WebDriverWait wait = new WebDriverWait(first, Duration.ofSeconds(90));
        Browser.signIn(first, port, "live-a-" + run, "correct-horse-battery");
        first.get("http://localhost:" + port + "/inbox/" + conversationId);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("timeline"), "First message " + run));

        // ingested through the HTTP API while the page is open: it appears without a reload
        api.post("/api/v1/inbound", """
                {"channel": "EMAIL", "externalId": "<live-2-%s@mail>", "from": {"type": "EMAIL", "value": "%s",
                 "name": "Lia Live %s"}, "subject": "Live %s", "text": "Second message %s"}"""
                .formatted(run, from, run, run, run));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("timeline"), "Second message " + run));

        // a second agent opens the same conversation: each sees the other; typing shows
        second = Browser.start();
        WebDriverWait wait2 = new WebDriverWait(second, Duration.ofSeconds(90));
        Browser.signIn(second, port, "live-b-" + run, "correct-horse-battery");
        second.get("http://localhost:" + port + "/inbox/" + conversationId);
        wait2.until(ExpectedConditions.textToBePresentInElementLocated(By.id("presence"), "Alma Live is viewing"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("presence"), "Bert Live is viewing"));
        WebElement text = wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("#reply-text textarea")));
        text.click();
        text.sendKeys("Looking into it");
        wait2.until(ExpectedConditions.textToBePresentInElementLocated(By.id("presence"), "Alma Live is typing"));
    }
}
