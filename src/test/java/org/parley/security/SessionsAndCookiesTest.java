package org.parley.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.catalina.Context;
import org.apache.catalina.Session;
import org.junit.jupiter.api.Test;
import org.parley.support.ApiClient;
import org.parley.support.ParleySpringTest;
import org.parley.team.Role;
import org.parley.team.TeamDirectory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Sessions, cookies and sign-in as a client without a browser sees them: page GETs without a cookie create no
 * session or only a short one, a signed-in session gets the full timeout, API calls never create one (also
 * for paths that do not exist, which answer the API's JSON 404), a sign-in posted without the page's CSRF
 * token is refused, and the session cookie is SameSite=Lax and Secure behind a TLS proxy.
 */
@ParleySpringTest
@TestPropertySource(properties = "server.forward-headers-strategy=framework")
class SessionsAndCookiesTest {

    @LocalServerPort
    int port;
    @Autowired
    WebServerApplicationContext server;
    @Autowired
    TeamDirectory team;

    final HttpClient http = HttpClient.newHttpClient();
    final String run = UUID.randomUUID().toString().substring(0, 8);

    @Test
    void cookielessPageRequestsCreateNoSessionOrOnlyAShortLivedOne() throws Exception {
        HttpResponse<String> root = get("/", null);
        assertThat(root.statusCode()).isEqualTo(302);
        assertThat(root.headers().firstValue("Location").orElse("")).endsWith("/login");
        assertThat(sessionCookie(root)).as("GET / without a cookie creates no session").isEmpty();

        for (int i = 0; i < 5; i++) {
            HttpResponse<String> login = get("/login", null);
            assertThat(login.statusCode()).isEqualTo(200);
            String id = sessionCookie(login).orElseThrow().split("=", 2)[1].split(";")[0];
            assertThat(session(id).getMaxInactiveInterval()).as("an anonymous session's lifetime in seconds")
                    .isPositive().isLessThanOrEqualTo(600);
        }
    }

    @Test
    void aSignInWithThePagesTokenWorksAndGetsTheFullTimeout() throws Exception {
        String username = "cookie-" + run;
        team.createAgent(username, "Cookie " + run, null, "long-enough-pw", EnumSet.of(Role.AGENT));
        HttpResponse<String> page = get("/login", null);
        String cookie = sessionCookie(page).orElseThrow().split(";")[0];
        Matcher parameter = Pattern.compile("<meta name=\"_csrf_parameter\" content=\"([^\"]+)\"").matcher(page.body());
        Matcher token = Pattern.compile("<meta name=\"_csrf\" content=\"([^\"]+)\"").matcher(page.body());
        assertThat(parameter.find()).as("the login page carries the CSRF meta tags Vaadin's login form sends").isTrue();
        assertThat(token.find()).isTrue();

        HttpResponse<String> signedIn = postLogin(username, "long-enough-pw", cookie,
                parameter.group(1) + "=" + URLEncoder.encode(token.group(1), StandardCharsets.UTF_8), null);

        assertThat(signedIn.statusCode()).isEqualTo(302);
        assertThat(signedIn.headers().firstValue("Location").orElse("")).doesNotContain("error");
        String id = sessionCookie(signedIn).map(c -> c.split("=", 2)[1].split(";")[0])
                .orElse(cookie.split("=", 2)[1]);
        assertThat(session(id).getMaxInactiveInterval()).isEqualTo(8 * 3600);
    }

    @Test
    void aCrossOriginSignInWithoutTheTokenIsRefused() throws Exception {
        String username = "csrf-" + run;
        team.createAgent(username, "Csrf " + run, null, "long-enough-pw", EnumSet.of(Role.AGENT));

        HttpResponse<String> forged = postLogin(username, "long-enough-pw", null, null, "https://evil.example");

        String location = forged.headers().firstValue("Location").orElse("");
        assertThat(forged.statusCode() == 302 && !location.contains("login")).as("signed in: " + forged.statusCode()
                + " " + location).isFalse();
        assertThat(sessionCookie(forged).map(c -> session(c.split("=", 2)[1].split(";")[0]))
                .map(s -> s.getSession().getAttribute("SPRING_SECURITY_CONTEXT"))).isEmpty();
    }

    @Test
    void apiCallsWithATokenNeverCreateASession() throws Exception {
        int before = sessions().length;
        for (String path : List.of("/api/v1/customers?q=nobody", "/api/v1/no-such-endpoint", "/api/nothing/here")) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri(path))
                    .header("Authorization", "Bearer " + ParleySpringTest.TOKEN).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(sessionCookie(r)).as(path).isEmpty();
            if (path.contains("customers")) {
                assertThat(r.statusCode()).isEqualTo(200);
            } else {
                assertThat(r.statusCode()).as(path).isEqualTo(404);
                assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
                JsonNode body = new ApiClient.Response(404, r.body()).json();
                assertThat(body.path("error").asString()).contains("no such endpoint");
                assertThat(body.path("details").isArray()).isTrue();
            }
        }
        HttpResponse<String> post = http.send(HttpRequest.newBuilder(uri("/api/v1/no-such-endpoint"))
                .header("Authorization", "Bearer " + ParleySpringTest.TOKEN).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).isEqualTo(404);
        assertThat(sessionCookie(post)).isEmpty();
        assertThat(sessions().length).isEqualTo(before);
    }

    @Test
    void theSessionCookieIsLaxAndSecureBehindATlsProxy() throws Exception {
        String plain = sessionCookie(get("/login", null)).orElseThrow();
        assertThat(plain).containsIgnoringCase("SameSite=Lax").containsIgnoringCase("HttpOnly")
                .doesNotContainIgnoringCase("Secure");
        String proxied = sessionCookie(http.send(HttpRequest.newBuilder(uri("/login"))
                .header("X-Forwarded-Proto", "https").GET().build(), HttpResponse.BodyHandlers.ofString())).orElseThrow();
        assertThat(proxied).containsIgnoringCase("SameSite=Lax").containsIgnoringCase("; Secure");
    }

    private HttpResponse<String> postLogin(String username, String password, String cookie, String csrf,
            String origin) throws Exception {
        String form = "username=" + URLEncoder.encode(username, StandardCharsets.UTF_8) + "&password="
                + URLEncoder.encode(password, StandardCharsets.UTF_8) + (csrf == null ? "" : "&" + csrf);
        HttpRequest.Builder b = HttpRequest.newBuilder(uri("/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form));
        if (cookie != null) {
            b.header("Cookie", cookie);
        }
        if (origin != null) {
            b.header("Origin", origin);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path, String cookie) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).GET();
        if (cookie != null) {
            b.header("Cookie", cookie);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private static Optional<String> sessionCookie(HttpResponse<?> response) {
        return response.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("JSESSIONID=")).findFirst();
    }

    private Session[] sessions() {
        TomcatWebServer tomcat = (TomcatWebServer) server.getWebServer();
        Context context = (Context) tomcat.getTomcat().getHost().findChildren()[0];
        return context.getManager().findSessions();
    }

    private Session session(String id) {
        return Arrays.stream(sessions()).filter(s -> s.getId().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError("no session " + id));
    }
}
