package org.parley.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.parley.audit.AuditTrail;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.logout.LogoutHandler;

/**
 * Records the end of a signed-in session in the audit trail: the "Log out" button, and a session ended by
 * "sign out everywhere" when its browser next calls (Spring ends both through the logout handlers).
 */
class AuditedLogout implements LogoutHandler {

    private final AuditTrail audit;

    AuditedLogout(AuditTrail audit) {
        this.audit = audit;
    }

    @Override
    public void logout(HttpServletRequest request, HttpServletResponse response, Authentication authentication) {
        if (authentication != null && authentication.isAuthenticated()) {
            audit.recordAs(authentication.getName(), "logout", "agent", null, "session ended");
        }
    }
}
