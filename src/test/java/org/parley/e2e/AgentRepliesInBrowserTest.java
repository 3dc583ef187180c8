package org.parley.e2e;

import org.parley.conversation.ConversationAccess.Viewer;
import static org.assertj.core.api.Assertions.assertThat;

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
import org.parley.base.Channel;
import org.parley.channel.InboundMessage;
import org.parley.channel.IngestResult;
import org.parley.channel.IngestionService;
import org.parley.conversation.ConversationService;
import org.parley.conversation.DeliveryStatus;
import org.parley.conversation.Direction;
import org.parley.conversation.MessageView;
import org.parley.support.ParleySpringTest;
import org.parley.team.Role;
import org.parley.team.TeamDirectory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** One agent's day in a real browser: log in, open a conversation, reply, see the reply. */
@ParleySpringTest
@Tag("browser")
@ExtendWith(BrowserAvailable.class)
class AgentRepliesInBrowserTest {

    @LocalServerPort
    int port;

    @Autowired
    TeamDirectory team;

    @Autowired
    IngestionService ingestion;

    @Autowired
    ConversationService conversations;

    WebDriver driver;

    @AfterEach
    void quit() {
        if (driver != null) {
            driver.quit();
        }
    }

    @Test
    void anAgentLogsInOpensAConversationAndReplies() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String username = "e2e" + run;
        team.createAgent(username, "Erin End-to-End", null, "correct-horse-battery", EnumSet.of(Role.AGENT));
        IngestResult inbound = ingestion.ingest(new InboundMessage(Channel.EMAIL, "<e2e-" + run + "@mail>",
                new InboundMessage.Sender(Channel.EMAIL, "grace." + run + "@example.com", "Grace Browser " + run),
                "Broken zipper " + run, "The zipper of my jacket broke after a week.", null, null, null, null, null));

        driver = Browser.start();
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(90));
        Browser.signIn(driver, port, username, "correct-horse-battery");
        wait.until(ExpectedConditions.elementToBeClickable(By.id("queue-unassigned"))).click();
        WebElement row = wait.until(ExpectedConditions.elementToBeClickable(By.xpath(
                "//vaadin-grid-cell-content[contains(., 'Grace Browser " + run + "')]")));
        row.click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("timeline"),
                "The zipper of my jacket broke"));

        String reply = "So sorry, Grace! A replacement is on its way (" + run + ").";
        WebElement text = wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("#reply-text textarea")));
        text.click();
        text.sendKeys(reply);
        driver.findElement(By.id("send-reply")).click();

        wait.until(ExpectedConditions.presenceOfElementLocated(By.xpath(
                "//*[contains(@class, 'timeline-message')][contains(., '" + reply + "')]")));
        MessageView stored = conversations.messages(Viewer.SYSTEM, inbound.conversationId()).getLast();
        assertThat(stored.direction()).isEqualTo(Direction.OUTBOUND);
        assertThat(stored.text()).isEqualTo(reply);
        // queued with the reply; the outbox may already have failed it (no mailbox is connected in this test)
        assertThat(stored.deliveryStatus()).isIn(DeliveryStatus.QUEUED, DeliveryStatus.FAILED);
    }
}
