package org.parley.audit;

import java.time.Instant;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Records security-relevant and data-changing actions. An entry joins the caller's transaction, so
 * a change and its audit record are committed together or not at all.
 */
@Service
public class AuditTrail {

    private final AuditRepository entries;
    private final SecurityContextHolderStrategy contexts;

    AuditTrail(AuditRepository entries, ObjectProvider<SecurityContextHolderStrategy> strategy) {
        this.entries = entries;
        this.contexts = strategy.getIfAvailable(SecurityContextHolder::getContextHolderStrategy);
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void record(String action, String subjectType, Object subjectId, String details) {
        entries.save(new AuditEntry(Instant.now(), currentActor(), action, subjectType,
                subjectId == null ? null : subjectId.toString(), truncate(details), currentOrigin()));
    }

    @Transactional(readOnly = true)
    public List<AuditEntry> forSubject(Object subjectId) {
        return entries.findBySubjectIdOrderByOccurredAt(subjectId.toString());
    }

    private String currentActor() {
        Authentication auth = contexts.getContext().getAuthentication();
        return auth == null || auth.getName() == null ? "system" : auth.getName();
    }

    private static String currentOrigin() {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
            return attributes.getRequest().getRemoteAddr();
        }
        return null;
    }

    private static String truncate(String details) {
        return details == null || details.length() <= 2000 ? details : details.substring(0, 1997) + "...";
    }
}
