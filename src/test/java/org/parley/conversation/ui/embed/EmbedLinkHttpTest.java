package org.parley.conversation.ui.embed;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.EnumSet;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.parley.customer.CustomerDirectory;
import org.parley.customer.CustomerDirectory.IdentityInput;
import org.parley.base.Channel;
import org.parley.support.ParleySpringTest;
import org.parley.team.Role;
import org.parley.team.TeamDirectory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/**
 * The embedded customer panel over real HTTP, tried as an attacker would: only a right, unexpired signature for
 * exactly this customer opens it without a session; everything else is a plain 403. The page may be framed by the
 * sites in {@code parley.security.frame-ancestors} and by no others.
 */
@ParleySpringTest
@TestPropertySource(properties = {
        "parley.embed.secret=" + EmbedLinkHttpTest.SECRET,
        "parley.embed.agent=embed-viewer",
        "parley.security.frame-ancestors='self' https://crm.example.com"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(OutputCaptureExtension.class)
class EmbedLinkHttpTest {

    static final String SECRET = "embed-test-secret-7f3a";

    @LocalServerPort
    int port;
    @Autowired
    TeamDirectory team;
    @Autowired
    CustomerDirectory customers;

    String identity;
    String otherIdentity;
    UUID customerId;

    @BeforeAll
    void customersAndTheViewer() {
        if (team.findAgentByUsername("embed-viewer").isEmpty()) {
            team.createAgent("embed-viewer", "Embed Viewer", null, "viewer-passphrase-1", EnumSet.of(Role.AGENT));
        }
        String id = UUID.randomUUID().toString().substring(0, 8);
        identity = "EMAIL:cleo-" + id + "@example.com";
        otherIdentity = "EMAIL:dana-" + id + "@example.com";
        customerId = customers.create("Cleo " + id, java.util.List.of(new IdentityInput(Channel.EMAIL,
                "cleo-" + id + "@example.com"))).id();
        customers.create("Dana " + id, java.util.List.of(new IdentityInput(Channel.EMAIL, "dana-" + id + "@example.com")));
    }

    @Test
    void aValidSignatureOpensThePage_framableByTheConfiguredSitesOnly() throws Exception {
        long exp = now() + 300;
        HttpResponse<String> page = get("/embed/customers?identity=" + enc(identity) + "&exp=" + exp + "&sig="
                + EmbedLinks.sign(SECRET, null, identity, exp));

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Security-Policy").orElseThrow())
                .contains("frame-ancestors 'self' https://crm.example.com");
        assertThat(page.headers().firstValue("X-Frame-Options")).as("only the CSP decides who frames it").isEmpty();
        assertThat(page.body()).doesNotContain(SECRET);

        // the rest of Parley keeps its framing rules
        HttpResponse<String> login = get("/login");
        assertThat(login.headers().firstValue("X-Frame-Options")).hasValue("SAMEORIGIN");
        assertThat(login.headers().firstValue("Content-Security-Policy").orElseThrow())
                .contains("frame-ancestors 'self' https://crm.example.com");
    }

    @Test
    void theIdFormIsSignedWithTheId() throws Exception {
        long exp = now() + 300;
        assertThat(get("/embed/customers/" + customerId + "?exp=" + exp + "&sig="
                + EmbedLinks.sign(SECRET, customerId.toString(), null, exp)).statusCode()).isEqualTo(200);
        // the identity form's signature does not open the id form
        assertThat(get("/embed/customers/" + customerId + "?identity=" + enc(identity) + "&exp=" + exp + "&sig="
                + EmbedLinks.sign(SECRET, null, identity, exp)).statusCode()).isEqualTo(403);
        // nor does the signature of another customer's id
        UUID other = UUID.randomUUID();
        assertThat(get("/embed/customers/" + customerId + "?exp=" + exp + "&sig="
                + EmbedLinks.sign(SECRET, other.toString(), null, exp)).statusCode()).isEqualTo(403);
    }

    @Test
    void everyForgedOrStaleLinkIs403(CapturedOutput output) throws Exception {
        long exp = now() + 300;
        String sig = EmbedLinks.sign(SECRET, null, identity, exp);
        String path = "/embed/customers?identity=" + enc(identity);

        // wrong secret
        assertForbidden(path + "&exp=" + exp + "&sig=" + EmbedLinks.sign("guessed-secret", null, identity, exp));
        // a flipped character
        char last = sig.charAt(sig.length() - 1);
        assertForbidden(path + "&exp=" + exp + "&sig=" + sig.substring(0, sig.length() - 1) + (last == '0' ? '1' : '0'));
        // expired (signed correctly)
        long past = now() - 1;
        assertForbidden(path + "&exp=" + past + "&sig=" + EmbedLinks.sign(SECRET, null, identity, past));
        // a signature made for another identity
        assertForbidden(path + "&exp=" + exp + "&sig=" + EmbedLinks.sign(SECRET, null, otherIdentity, exp));
        assertForbidden("/embed/customers?identity=" + enc(otherIdentity) + "&exp=" + exp + "&sig=" + sig);
        // a tampered expiry
        assertForbidden(path + "&exp=" + (exp + 86_400) + "&sig=" + sig);
        // half a link, or garbage
        assertForbidden(path + "&sig=" + sig);
        assertForbidden(path + "&exp=" + exp);
        assertForbidden(path + "&exp=soon&sig=" + sig);
        assertForbidden(path + "&exp=" + exp + "&sig=");

        // the untampered link still works, and neither the secret nor a signature went to the log
        assertThat(get(path + "&exp=" + exp + "&sig=" + sig).statusCode()).isEqualTo(200);
        assertThat(output.getAll()).contains("Refused a signed embed link: wrong signature",
                "Refused a signed embed link: expired").doesNotContain(SECRET).doesNotContain(sig);
    }

    @Test
    void withoutSignatureOrSessionTheBrowserIsAskedToSignIn() throws Exception {
        HttpResponse<String> answer = get("/embed/customers?identity=" + enc(identity));
        assertThat(answer.statusCode()).isEqualTo(302);
        assertThat(answer.headers().firstValue("Location").orElseThrow()).endsWith("/login");
    }

    @Test
    void aSignedInAgentNeedsNoSignature() throws Exception {
        String username = "embedder" + UUID.randomUUID().toString().substring(0, 8);
        team.createAgent(username, "Em Bedder", null, "the-right-passphrase", EnumSet.of(Role.AGENT));
        HttpClient session = newSession();
        signIn(session, username, "the-right-passphrase");

        HttpResponse<String> page = session.send(HttpRequest.newBuilder(URI.create(base() + "/embed/customers?identity="
                + enc(identity))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Security-Policy").orElseThrow())
                .contains("frame-ancestors 'self' https://crm.example.com");
        // a wrong signature is refused even with a session
        assertThat(session.send(HttpRequest.newBuilder(URI.create(base() + "/embed/customers?identity="
                + enc(identity) + "&exp=" + (now() + 60) + "&sig=00")).build(), HttpResponse.BodyHandlers.ofString())
                .statusCode()).isEqualTo(403);
    }

    private void assertForbidden(String path) throws Exception {
        HttpResponse<String> answer = get(path);
        assertThat(answer.statusCode()).as(path).isEqualTo(403);
        assertThat(answer.body()).as(path).doesNotContain("Cleo").doesNotContain(SECRET);
    }

    private HttpResponse<String> get(String path) throws Exception {
        return newSession().send(HttpRequest.newBuilder(URI.create(base() + path)).header("Accept", "text/html").build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpClient newSession() {
        return HttpClient.newBuilder().cookieHandler(new CookieManager()).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    private void signIn(HttpClient session, String username, String password) throws Exception {
        String page = session.send(HttpRequest.newBuilder(URI.create(base() + "/login")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        java.util.regex.Matcher parameter = java.util.regex.Pattern
                .compile("<meta name=\"_csrf_parameter\" content=\"([^\"]+)\"").matcher(page);
        java.util.regex.Matcher token = java.util.regex.Pattern.compile("<meta name=\"_csrf\" content=\"([^\"]+)\"")
                .matcher(page);
        assertThat(parameter.find() && token.find()).as("CSRF meta tags on the login page").isTrue();
        String form = "username=" + enc(username) + "&password=" + enc(password) + "&" + parameter.group(1) + "="
                + enc(token.group(1));
        HttpResponse<String> response = session.send(HttpRequest.newBuilder(URI.create(base() + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.headers().firstValue("Location").orElse("")).doesNotContain("error");
    }

    private static long now() {
        return Instant.now().getEpochSecond();
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private String base() {
        return "http://127.0.0.1:" + port;
    }
}
