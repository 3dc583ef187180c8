package org.parley.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.parley.audit.AuditEntry;
import org.parley.audit.AuditSearch;
import org.parley.audit.AuditTrail;
import org.parley.support.ParleySpringTest;
import org.parley.team.Role;
import org.parley.team.TeamDirectory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Sign-in over real HTTP: security headers, audited attempts, and the brake on password guessing. */
@ParleySpringTest
class SignInTest {

    @LocalServerPort
    int port;
    @Autowired
    TeamDirectory team;
    @Autowired
    AuditTrail audit;
    @Autowired
    SignedInSessions sessions;
    @Autowired
    org.springframework.security.authentication.AuthenticationProvider signInProvider;

    private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER).build();

    @Test
    void theLoginPageCarriesSecurityHeaders() throws Exception {
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(base() + "/login")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(page.statusCode()).isEqualTo(200);
        String csp = page.headers().firstValue("Content-Security-Policy").orElseThrow();
        assertThat(csp).contains("default-src 'self'", "frame-ancestors 'self'", "object-src 'none'", "img-src 'self' data: blob:");
        assertThat(page.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(page.headers().firstValue("Referrer-Policy")).hasValue("same-origin");
    }

    @Test
    void failedSignInsAreAuditedAndTooManyPauseTheAccountEvenWithTheRightPassword() throws Exception {
        String username = "guess" + UUID.randomUUID().toString().substring(0, 8);
        team.createAgent(username, "Gus Guessed", null, "the-right-passphrase", EnumSet.of(Role.AGENT));

        assertThat(signIn(username, "the-right-passphrase")).doesNotContain("error");
        for (int i = 0; i < 5; i++) {
            assertThat(signIn(username, "wrong-" + i)).endsWith("/login?error");
        }
        assertThat(signIn(username, "the-right-passphrase")).endsWith("/login?error");

        assertThat(actions(username, "login.failed")).hasSize(5);
        for (int i = 0; i < 10; i++) {
            assertThat(signIn(username, "the-right-passphrase")).endsWith("/login?error");
        }
        assertThat(actions(username, "login.throttled")).as("one entry per paused account and window")
                .singleElement().satisfies(e -> assertThat(e.getDetails()).contains("11 attempts"));
        assertThat(actions(username, "login")).hasSize(1)
                .allSatisfy(e -> assertThat(e.getOrigin()).isEqualTo("127.0.0.1"));
    }

    /** The probe's flood: a paused address tried with 300 different user names writes one entry, not 300. */
    @Test
    void aPausedAddressTriedWithManyUserNamesWritesOneThrottledEntryWithACount() {
        String address = "198.51.100." + (1 + new java.util.Random().nextInt(250)) + "-" + UUID.randomUUID();
        for (int i = 0; i < 20; i++) {
            attempt("nobody-" + UUID.randomUUID(), address);
        }
        for (int i = 0; i < 300; i++) {
            attempt("=HYPERLINK(" + i + ")-" + UUID.randomUUID(), address);
        }
        List<AuditEntry> throttled = audit.search(new AuditSearch(null, "login.throttled", null, address, null, null),
                null, 1000);
        assertThat(throttled).singleElement().satisfies(e -> assertThat(e.getDetails())
                .contains("address " + address).contains("300 attempts"));
    }

    private void attempt(String username, String address) {
        org.springframework.security.authentication.UsernamePasswordAuthenticationToken token =
                org.springframework.security.authentication.UsernamePasswordAuthenticationToken.unauthenticated(
                        username, "wrong-password");
        token.setDetails(new org.springframework.security.web.authentication.WebAuthenticationDetails(address, null));
        try {
            signInProvider.authenticate(token);
        } catch (org.springframework.security.core.AuthenticationException expected) {
            // refused: wrong password, then paused
        }
    }

    @Test
    void signingOutEverywhereEndsEverySessionOfTheUser() throws Exception {
        String username = "roam" + UUID.randomUUID().toString().substring(0, 8);
        team.createAgent(username, "Rory Roaming", null, "the-right-passphrase", EnumSet.of(Role.AGENT));
        HttpClient laptop = newSession();
        HttpClient phone = newSession();
        signIn(laptop, username, "the-right-passphrase");
        signIn(phone, username, "the-right-passphrase");
        assertThat(get(laptop, "/").statusCode()).isEqualTo(200);
        assertThat(get(phone, "/").statusCode()).isEqualTo(200);
        assertThat(sessions.count(username)).isEqualTo(2);

        assertThat(sessions.signOutEverywhere(username)).isEqualTo(2);

        for (HttpClient session : new HttpClient[] {laptop, phone}) {
            HttpResponse<String> after = get(session, "/");
            assertThat(after.statusCode()).isEqualTo(302);
            assertThat(after.headers().firstValue("Location").orElseThrow()).endsWith("/login");
        }
        assertThat(actions(username, "logout.everywhere")).singleElement()
                .satisfies(e -> assertThat(e.getDetails()).isEqualTo("2 sessions ended"));
        assertThat(actions(username, "logout")).as("each ended session, on its next request").hasSize(2);
    }

    private HttpResponse<String> get(HttpClient session, String path) throws Exception {
        return session.send(HttpRequest.newBuilder(URI.create(base() + path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpClient newSession() {
        return HttpClient.newBuilder().cookieHandler(new CookieManager()).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** Posts the login form in a fresh session and answers where Parley redirects to. */
    private String signIn(String username, String password) throws Exception {
        return signIn(newSession(), username, password);
    }

    private String signIn(HttpClient session, String username, String password) throws Exception {
        String page = session.send(HttpRequest.newBuilder(URI.create(base() + "/login")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        // the sign-in form is CSRF-protected: send the token of the page, as Vaadin's login form does
        java.util.regex.Matcher parameter = java.util.regex.Pattern
                .compile("<meta name=\"_csrf_parameter\" content=\"([^\"]+)\"").matcher(page);
        java.util.regex.Matcher token = java.util.regex.Pattern.compile("<meta name=\"_csrf\" content=\"([^\"]+)\"")
                .matcher(page);
        assertThat(parameter.find() && token.find()).as("CSRF meta tags on the login page").isTrue();
        String form = "username=" + URLEncoder.encode(username, StandardCharsets.UTF_8) + "&password="
                + URLEncoder.encode(password, StandardCharsets.UTF_8) + "&" + parameter.group(1) + "="
                + URLEncoder.encode(token.group(1), StandardCharsets.UTF_8);
        HttpResponse<String> response = session.send(HttpRequest.newBuilder(URI.create(base() + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("login answer").isEqualTo(302);
        return response.headers().firstValue("Location").orElseThrow();
    }

    private java.util.List<AuditEntry> actions(String username, String action) {
        return audit.search(new AuditSearch(username, action, null, null, null, null), null, 100).stream()
                .filter(e -> e.getAction().equals(action)).toList();
    }

    private String base() {
        return "http://127.0.0.1:" + port;
    }
}
