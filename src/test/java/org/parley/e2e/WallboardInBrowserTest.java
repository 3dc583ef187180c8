package org.parley.e2e;

import java.time.Duration;
import java.util.EnumSet;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.parley.support.ApiClient;
import org.parley.support.ParleySpringTest;
import org.parley.team.Role;
import org.parley.team.TeamDirectory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** A wallboard open in real headless Chromium counts a conversation ingested over the API, without reload. */
@ParleySpringTest
@Tag("browser")
@ExtendWith(BrowserAvailable.class)
class WallboardInBrowserTest {

    @LocalServerPort
    int port;
    @Autowired
    TeamDirectory team;

    WebDriver browser;

    @AfterEach
    void quit() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void anIngestedConversationRaisesTheQueueDepthWithoutReload() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String user = "wall-" + run;
        team.createAgent(user, "Wally Board", null, "correct-horse-battery", EnumSet.of(Role.SUPERVISOR));
        browser = Browser.start();
        // the tiles are rebuilt on every change (the first push may come any moment): look the element up
        // again each time, and try again when a rebuild replaced it under the lookup
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(120));
        wait.ignoring(StaleElementReferenceException.class);
        Browser.signIn(browser, port, user, "correct-horse-battery");
        browser.get("http://localhost:" + port + "/wallboard");
        long before = wait.until(d -> Long.parseLong(d.findElement(By.id("wallboard-total-depth")).getText()));

        new ApiClient(port, ParleySpringTest.TOKEN).post("/api/v1/inbound", """
                {"channel": "EMAIL", "externalId": "<wall-%s@mail>", "from": {"type": "EMAIL",
                 "value": "wall.%s@example.com", "name": "Wendy Wall"}, "subject": "Wall", "text": "On the wall"}"""
                .formatted(run, run));
        wait.until(d -> Long.parseLong(d.findElement(By.id("wallboard-total-depth")).getText()) == before + 1);
        wait.until(d -> !d.findElement(By.id("wallboard-total-oldest")).getText().isBlank());
    }
}
