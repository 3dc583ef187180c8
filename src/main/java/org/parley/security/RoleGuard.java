package org.parley.security;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.parley.team.Role;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.stereotype.Component;

/** Checks the caller's roles where an API endpoint needs more than a valid token; 403 otherwise. */
@Component
public class RoleGuard {

    private final SecurityContextHolderStrategy contexts;

    RoleGuard(ObjectProvider<SecurityContextHolderStrategy> strategy) {
        this.contexts = strategy.getIfAvailable(SecurityContextHolder::getContextHolderStrategy);
    }

    /** Passes when the caller has at least one of the roles. */
    public void requireAny(Role... roles) {
        Set<String> wanted = Arrays.stream(roles).map(r -> "ROLE_" + r.name()).collect(Collectors.toSet());
        Authentication auth = contexts.getContext().getAuthentication();
        if (auth == null || auth.getAuthorities().stream().noneMatch(a -> wanted.contains(a.getAuthority()))) {
            throw new AccessDeniedException(Arrays.stream(roles).map(Role::name).collect(Collectors.joining(" or "))
                    + " role required");
        }
    }
}
