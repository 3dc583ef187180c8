package org.parley.routing.api;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.stereotype.Component;

/** Writes to routing rules need a LEAD or ADMIN token; others get 403. */
@Component("routingWriteAccess")
class WriteAccess {

    private final SecurityContextHolderStrategy contexts;

    WriteAccess(ObjectProvider<SecurityContextHolderStrategy> strategy) {
        this.contexts = strategy.getIfAvailable(SecurityContextHolder::getContextHolderStrategy);
    }

    void require() {
        Authentication auth = contexts.getContext().getAuthentication();
        boolean allowed = auth != null && auth.getAuthorities().stream()
                .anyMatch(a -> "ROLE_LEAD".equals(a.getAuthority()) || "ROLE_ADMIN".equals(a.getAuthority()));
        if (!allowed) {
            throw new AccessDeniedException("LEAD or ADMIN role required");
        }
    }
}
