package org.parley.sidebar;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.parley.support.ParleySpringTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;

/** The pages' Content-Security-Policy lets them frame the sidebar apps' origins and no other. */
@ParleySpringTest
class SidebarAppsCspTest {

    @LocalServerPort
    int port;
    @Autowired
    SidebarApps apps;

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void pagesMayFrameExactlyTheAppsOrigins() throws Exception {
        String host = "orders-" + UUID.randomUUID().toString().substring(0, 8) + ".example.com";
        SecurityContextHolder.getContext().setAuthentication(new UsernamePasswordAuthenticationToken("admin", null,
                AuthorityUtils.createAuthorityList("ROLE_ADMIN")));
        apps.add("Orders", "https://" + host + ":8443/orders?customer={customer.id}", 300);

        HttpResponse<String> login = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + port + "/login")).build(), HttpResponse.BodyHandlers.ofString());
        String csp = login.headers().firstValue("Content-Security-Policy").orElseThrow();
        assertThat(csp).contains("frame-src 'self' ").contains("https://" + host + ":8443");
        assertThat(csp).doesNotContain("frame-src *").contains("frame-ancestors");
        assertThat(login.headers().allValues("Content-Security-Policy")).hasSize(1);
    }
}
