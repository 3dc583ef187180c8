package org.parley.security;

import java.util.List;
import org.parley.audit.AuditTrail;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.core.session.SessionInformation;
import org.springframework.security.core.session.SessionRegistry;
import org.springframework.stereotype.Service;

/**
 * The UI sessions each user has open, on this node. "Sign out everywhere" expires all of them: the next
 * request of each goes back to the login page.
 */
@Service
public class SignedInSessions {

    /** Published when a user's sessions were all ended at once (presence goes offline without waiting). */
    public record SignedOutEverywhere(String username) {
    }

    private final SessionRegistry registry;
    private final AuditTrail audit;
    private final ApplicationEventPublisher events;

    SignedInSessions(SessionRegistry registry, AuditTrail audit, ApplicationEventPublisher events) {
        this.registry = registry;
        this.audit = audit;
        this.events = events;
    }

    /** How many sessions the user has open. */
    public int count(String username) {
        return sessionsOf(username).size();
    }

    /** How many sessions the user has open besides {@code sessionId} (e.g. one that is ending now). */
    public int countExcept(String username, String sessionId) {
        return (int) sessionsOf(username).stream().filter(s -> !s.getSessionId().equals(sessionId)).count();
    }

    /** Ends every session of the user; returns how many. */
    public int signOutEverywhere(String username) {
        List<SessionInformation> sessions = sessionsOf(username);
        sessions.forEach(SessionInformation::expireNow);
        audit.recordAs(username, "logout.everywhere", "agent", null, sessions.size() + " sessions ended");
        events.publishEvent(new SignedOutEverywhere(username));
        return sessions.size();
    }

    private List<SessionInformation> sessionsOf(String username) {
        return registry.getAllPrincipals().stream()
                .filter(p -> p instanceof org.springframework.security.core.userdetails.UserDetails u
                        && u.getUsername().equalsIgnoreCase(username))
                .flatMap(p -> registry.getAllSessions(p, false).stream())
                .toList();
    }
}
