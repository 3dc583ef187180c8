package org.parley.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.parley.routing.RoutingEnums.Presence;
import org.parley.security.SignedInSessions;
import org.parley.support.ParleySpringTest;
import org.parley.team.Role;
import org.parley.team.TeamDirectory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Presence follows the agent's sessions, over real HTTP sign-ins and log-outs: online at sign-in, still online
 * while another session lives, offline when the last one ends; away when idle, back at the next activity; a
 * presence chosen by hand stays.
 */
@ParleySpringTest
class PresenceFollowsSessionTest {

    @LocalServerPort
    int port;
    @Autowired
    TeamDirectory team;
    @Autowired
    Assignment assignment;
    @Autowired
    SessionPresence presence;
    @Autowired
    SignedInSessions sessions;

    @Test
    void signingInMakesTheAgentOnlineAndTheLastLogOutOffline() throws Exception {
        String username = "pres" + UUID.randomUUID().toString().substring(0, 8);
        UUID agent = team.createAgent(username, "Pia Present", null, "the-right-passphrase", EnumSet.of(Role.AGENT))
                .getId();
        assertThat(assignment.status(agent).presence()).isEqualTo(Presence.OFFLINE);

        HttpClient laptop = newSession();
        HttpClient phone = newSession();
        signIn(laptop, username);
        assertThat(assignment.status(agent).presence()).isEqualTo(Presence.ONLINE);
        signIn(phone, username);
        assertThat(sessions.count(username)).isEqualTo(2);

        logOut(laptop);
        assertThat(sessions.count(username)).isEqualTo(1);
        assertThat(assignment.status(agent).presence()).as("the phone is still signed in").isEqualTo(Presence.ONLINE);

        logOut(phone);
        assertThat(sessions.count(username)).isZero();
        assertThat(assignment.status(agent).presence()).isEqualTo(Presence.OFFLINE);
    }

    @Test
    void signingOutEverywhereMakesTheAgentOfflineAtOnce() throws Exception {
        String username = "roam" + UUID.randomUUID().toString().substring(0, 8);
        UUID agent = team.createAgent(username, "Rui Roaming", null, "the-right-passphrase", EnumSet.of(Role.AGENT))
                .getId();
        signIn(newSession(), username);
        signIn(newSession(), username);
        assertThat(assignment.status(agent).presence()).isEqualTo(Presence.ONLINE);

        sessions.signOutEverywhere(username);

        assertThat(assignment.status(agent).presence()).isEqualTo(Presence.OFFLINE);
    }

    @Test
    void anIdleAgentIsAwayUntilTheNextActivity_aChosenAwayStays() throws Exception {
        String username = "idle" + UUID.randomUUID().toString().substring(0, 8);
        UUID agent = team.createAgent(username, "Ida Idle", null, "the-right-passphrase", EnumSet.of(Role.AGENT))
                .getId();
        signIn(newSession(), username);
        assertThat(assignment.status(agent).presence()).isEqualTo(Presence.ONLINE);

        presence.markIdle(Instant.now().plus(Duration.ofMinutes(5)));
        assertThat(assignment.status(agent).presence()).as("5 minutes idle is not yet away").isEqualTo(Presence.ONLINE);
        presence.markIdle(Instant.now().plus(Duration.ofMinutes(11)));
        assertThat(assignment.status(agent).presence()).isEqualTo(Presence.AWAY);

        presence.active(agent);
        assertThat(assignment.status(agent).presence()).isEqualTo(Presence.ONLINE);

        // chosen by hand (My presence, the top bar or the API): activity does not undo it
        assignment.setPresence(agent, Presence.AWAY);
        presence.active(agent);
        assertThat(assignment.status(agent).presence()).isEqualTo(Presence.AWAY);
        presence.markIdle(Instant.now().plus(Duration.ofHours(1)));
        assignment.setPresence(agent, Presence.ONLINE);
        presence.markIdle(Instant.now().plus(Duration.ofMinutes(1)));
        assertThat(assignment.status(agent).presence()).isEqualTo(Presence.ONLINE);
    }

    private String base() {
        return "http://localhost:" + port;
    }

    private static HttpClient newSession() {
        return HttpClient.newBuilder().cookieHandler(new CookieManager()).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    private void signIn(HttpClient session, String username) throws Exception {
        String page = session.send(HttpRequest.newBuilder(URI.create(base() + "/login")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        // the sign-in form is CSRF-protected: send the token of the page, as Vaadin's login form does
        java.util.regex.Matcher parameter = java.util.regex.Pattern
                .compile("<meta name=\"_csrf_parameter\" content=\"([^\"]+)\"").matcher(page);
        java.util.regex.Matcher token = java.util.regex.Pattern.compile("<meta name=\"_csrf\" content=\"([^\"]+)\"")
                .matcher(page);
        assertThat(parameter.find() && token.find()).as("CSRF meta tags on the login page").isTrue();
        String form = "username=" + URLEncoder.encode(username, StandardCharsets.UTF_8) + "&password=the-right-passphrase"
                + "&" + parameter.group(1) + "=" + URLEncoder.encode(token.group(1), StandardCharsets.UTF_8);
        HttpResponse<String> response = session.send(HttpRequest.newBuilder(URI.create(base() + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.headers().firstValue("Location").orElseThrow()).doesNotContain("error");
        assertThat(session.send(HttpRequest.newBuilder(URI.create(base() + "/")).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(200);
    }

    /** The log-out the UI's "Log out" does: the session is invalidated and the servlet container ends it. */
    private void logOut(HttpClient session) throws Exception {
        String page = session.send(HttpRequest.newBuilder(URI.create(base() + "/")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        java.util.regex.Matcher csrf = java.util.regex.Pattern.compile("<meta name=\"_csrf\" content=\"([^\"]+)\"")
                .matcher(page);
        assertThat(csrf.find()).as("the page carries its CSRF token").isTrue();
        HttpResponse<String> response = session.send(HttpRequest.newBuilder(URI.create(base() + "/logout"))
                .header("X-CSRF-TOKEN", csrf.group(1)).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("log-out answer").isEqualTo(302);
    }
}
