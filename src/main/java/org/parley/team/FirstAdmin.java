package org.parley.team;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * On a database without any agent (a fresh production install without demo data), creates the
 * user {@code admin} with a random password and prints it once, so that someone can log in.
 */
@Component
class FirstAdmin {

    private static final Logger log = LoggerFactory.getLogger(FirstAdmin.class);

    private final TeamDirectory team;

    FirstAdmin(TeamDirectory team) {
        this.team = team;
    }

    @EventListener(ApplicationReadyEvent.class)
    @Order(100) // after the demo desk, which seeds its own admin
    void createWhenNoAgentExists() {
        if (team.agentCount() > 0) {
            return;
        }
        byte[] secret = new byte[12];
        new SecureRandom().nextBytes(secret);
        String password = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        SecurityContextHolder.getContext().setAuthentication(new UsernamePasswordAuthenticationToken("first-start",
                null, AuthorityUtils.createAuthorityList("ROLE_ADMIN")));
        try {
            team.createAgent("admin", "Administrator", null, password, Set.of(Role.ADMIN));
        } finally {
            SecurityContextHolder.clearContext();
        }
        log.warn("""

                ------------------------------------------------------------
                 No users existed: created 'admin' with password {}
                 Log in and change it (or create your own admin) right away.
                ------------------------------------------------------------""", password);
    }
}
