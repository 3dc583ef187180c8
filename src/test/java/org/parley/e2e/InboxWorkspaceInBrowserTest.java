package org.parley.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.parley.base.Channel;
import org.parley.channel.InboundMessage;
import org.parley.channel.IngestionService;
import org.parley.conversation.ConversationAccess.Viewer;
import org.parley.conversation.ConversationService;
import org.parley.conversation.Direction;
import org.parley.conversation.MessageView;
import org.parley.support.ParleySpringTest;
import org.parley.team.Agent;
import org.parley.team.Role;
import org.parley.team.TeamDirectory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The agent's workspace in a real Chromium: at 1280×800 and 1600×1000 the timeline takes at least half the
 * viewport's height and the whole composer is on screen; an agent answers with the keyboard only, from page
 * load (j, r, type, Ctrl+Enter) without a single click; {@code ?} shows the keys. Screenshots go to
 * {@code target/screens/}.
 */
@ParleySpringTest
@Tag("browser")
@ExtendWith(BrowserAvailable.class)
class InboxWorkspaceInBrowserTest {

    @LocalServerPort
    int port;
    @Autowired
    TeamDirectory team;
    @Autowired
    IngestionService ingestion;
    @Autowired
    ConversationService conversations;

    ChromeDriver driver;

    @AfterEach
    void quit() {
        if (driver != null) {
            driver.quit();
        }
    }

    @Test
    void theTimelineAndTheWholeComposerFitAt1280x800And1600x1000() throws IOException {
        String run = UUID.randomUUID().toString().substring(0, 8);
        Agent agent = agent(run);
        UUID conversation = conversationOf(agent, run, "Kwame " + "Lopez".repeat(35) + run); // a long unbroken name
        driver = Browser.start();
        Browser.signIn(driver, port, agent.getUsername(), "correct-horse-battery");
        for (Dimension size : List.of(new Dimension(1280, 800), new Dimension(1600, 1000))) {
            viewport(size);
            driver.get("http://localhost:" + port + "/inbox/" + conversation);
            WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(60));
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("timeline"), "replacement " + run));
            Map<?, ?> g = geometry();
            assertThat(number(g, "innerHeight")).as("viewport").isEqualTo(size.height);
            screenshot("workspace-" + size.width + "x" + size.height);
            double viewportHeight = number(g, "innerHeight");
            assertThat(number(g, "timelineHeight")).as("timeline height at %s: %s", size, g)
                    .isGreaterThanOrEqualTo(viewportHeight / 2);
            assertThat(number(g, "composerTop")).as("composer inside the viewport: %s", g).isGreaterThanOrEqualTo(0);
            assertThat(number(g, "composerBottom")).as("composer inside the viewport: %s", g)
                    .isLessThanOrEqualTo(viewportHeight);
            assertThat(number(g, "composerRight")).as("composer inside the viewport: %s", g)
                    .isLessThanOrEqualTo(number(g, "innerWidth"));
            assertThat(number(g, "sendRight")).as("the send buttons are not cut off: %s", g)
                    .isLessThanOrEqualTo(number(g, "innerWidth"));
            assertThat(number(g, "sendBottom")).as("the send buttons are not cut off: %s", g)
                    .isLessThanOrEqualTo(viewportHeight);
            assertThat(number(g, "scrollWidth")).as("no page-wide horizontal scrollbar (a long name wraps): %s", g)
                    .isLessThanOrEqualTo(number(g, "innerWidth"));
        }
    }

    @Test
    void anAgentAnswersWithTheKeyboardOnlyFromPageLoad() throws IOException {
        String run = UUID.randomUUID().toString().substring(0, 8);
        Agent agent = agent(run);
        UUID conversation = conversationOf(agent, run, "Grace Keys " + run);
        driver = Browser.start();
        viewport(new Dimension(1280, 800));
        Browser.signIn(driver, port, agent.getUsername(), "correct-horse-battery");
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(60));
        // the conversation is the agent's: it is in Mine, the queue the inbox opens with
        wait.until(ExpectedConditions.presenceOfElementLocated(By.xpath(
                "//vaadin-grid-cell-content[contains(., 'Grace Keys " + run + "')]")));

        Actions keys = new Actions(driver);
        keys.sendKeys("?").perform();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("keyboard-help"), "Ctrl+Enter"));
        screenshot("keyboard-help");
        keys.sendKeys(Keys.ESCAPE).perform();
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("keyboard-help")));

        keys.sendKeys("j").perform();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("timeline"), "replacement " + run));
        keys.sendKeys("r").perform();
        wait.until(d -> Boolean.TRUE.equals(((JavascriptExecutor) d).executeScript(
                "const t = document.querySelector('#reply-text'); return t && t.matches(':focus-within');")));
        String reply = "Typed without a mouse " + run;
        keys.sendKeys(reply).perform();
        keys.keyDown(Keys.CONTROL).sendKeys(Keys.ENTER).keyUp(Keys.CONTROL).perform();

        wait.until(ExpectedConditions.presenceOfElementLocated(By.xpath(
                "//*[contains(@class, 'timeline-message')][contains(., '" + reply + "')]")));
        screenshot("keyboard-reply");
        MessageView last = conversations.messages(Viewer.SYSTEM, conversation).getLast();
        assertThat(last.direction()).isEqualTo(Direction.OUTBOUND);
        assertThat(last.text()).isEqualTo(reply);
        assertThat(last.authorAgentId()).isEqualTo(agent.getId());
    }

    @Test
    void aQueueLongerThanOnePageShowsEveryRowAsTheAgentScrolls() throws IOException {
        String run = UUID.randomUUID().toString().substring(0, 8);
        Agent agent = agent(run);
        int conversationsInQueue = 45; // more than two of the list's pages
        for (int i = 1; i <= conversationsInQueue; i++) {
            UUID id = ingestion.ingest(new InboundMessage(Channel.EMAIL, "<long-" + run + "-" + i + "@mail>",
                    new InboundMessage.Sender(Channel.EMAIL, "long." + run + "." + i + "@example.com",
                            "Lena Long " + i + " " + run),
                    "Parcel " + i + " " + run, "Where is parcel " + i + " of " + run + "?", null, null, null, null,
                    null)).conversationId();
            conversations.assign(Viewer.SYSTEM, id, agent.getId());
        }
        driver = Browser.start();
        viewport(new Dimension(1280, 800));
        Browser.signIn(driver, port, agent.getUsername(), "correct-horse-battery");
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(60));
        // the newest first: its row shows the customer, subject, snippet and status the renderer fills in
        String newest = "//vaadin-grid-cell-content[contains(., 'Lena Long " + conversationsInQueue + " " + run
                + "')][contains(., 'Parcel " + conversationsInQueue + " " + run + "')][contains(., 'Where is parcel "
                + conversationsInQueue + " of " + run + "')][contains(., 'Open')]";
        wait.until(ExpectedConditions.presenceOfElementLocated(By.xpath(newest)));
        screenshot("long-queue-top");
        // the oldest is on the third page of the list: scrolling there fetches it
        driver.executeScript("document.getElementById('conversation-list').scrollToIndex(arguments[0]);",
                conversationsInQueue - 1);
        wait.until(ExpectedConditions.presenceOfElementLocated(By.xpath(
                "//vaadin-grid-cell-content[contains(., 'Lena Long 1 " + run + "')][contains(., 'Parcel 1 " + run
                        + "')]")));
        screenshot("long-queue-bottom");
    }

    private Agent agent(String run) {
        return team.createAgent("ws" + run, "Wes Workspace", null, "correct-horse-battery", EnumSet.of(Role.AGENT));
    }

    /** A customer's mail and two earlier exchanges, assigned to the agent. */
    private UUID conversationOf(Agent agent, String run, String customerName) {
        UUID id = ingestion.ingest(new InboundMessage(Channel.EMAIL, "<ws-" + run + "@mail>",
                new InboundMessage.Sender(Channel.EMAIL, "ws." + run + "@example.com", customerName),
                "Broken zipper " + run, "The zipper of my jacket broke after a week. Can I get a replacement " + run
                        + "?", null, null, null, null, null)).conversationId();
        conversations.assign(Viewer.SYSTEM, id, agent.getId());
        return id;
    }

    /** Sizes the window so that the page itself (the viewport) has the given size. */
    private void viewport(Dimension size) {
        driver.manage().window().setSize(size);
        Map<?, ?> inner = (Map<?, ?>) driver.executeScript(
                "return {w: window.innerWidth, h: window.innerHeight};");
        driver.manage().window().setSize(new Dimension(2 * size.width - ((Number) inner.get("w")).intValue(),
                2 * size.height - ((Number) inner.get("h")).intValue()));
    }

    private Map<?, ?> geometry() {
        return (Map<?, ?>) driver.executeScript("""
                const r = id => document.getElementById(id).getBoundingClientRect();
                const t = r('timeline'), c = r('composer'), s = r('send-reply'), sr = r('send-resolve');
                return {innerHeight: window.innerHeight, innerWidth: window.innerWidth,
                  scrollWidth: document.documentElement.scrollWidth,
                  timelineHeight: t.height, composerTop: c.top, composerBottom: c.bottom, composerRight: c.right,
                  sendRight: Math.max(s.right, sr.right), sendBottom: Math.max(s.bottom, sr.bottom)};""");
    }

    private static double number(Map<?, ?> geometry, String key) {
        return ((Number) geometry.get(key)).doubleValue();
    }

    private void screenshot(String name) throws IOException {
        Path dir = Path.of("target", "screens");
        Files.createDirectories(dir);
        Files.write(dir.resolve(name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
    }
}
