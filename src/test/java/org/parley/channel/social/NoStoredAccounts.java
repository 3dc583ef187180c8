package org.parley.channel.social;

import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Optional;

/** A social account store with nothing in it, for unit tests of code that reads declared accounts. */
public final class NoStoredAccounts {

    private NoStoredAccounts() {
    }

    public static SocialAccountRepository repository() {
        return (SocialAccountRepository) Proxy.newProxyInstance(SocialAccountRepository.class.getClassLoader(),
                new Class<?>[] {SocialAccountRepository.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "findByNetworkAndAccountId", "findById" -> Optional.empty();
                    case "findAllByOrderByNetworkAscNameAsc", "findAll" -> List.of();
                    case "toString" -> "NoStoredAccounts";
                    case "hashCode" -> 0;
                    case "equals" -> proxy == args[0];
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
