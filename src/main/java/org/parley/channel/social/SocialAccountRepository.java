package org.parley.channel.social;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

interface SocialAccountRepository extends JpaRepository<SocialAccount, UUID> {

    Optional<SocialAccount> findByNetworkAndAccountId(SocialNetwork network, String accountId);

    List<SocialAccount> findAllByOrderByNetworkAscNameAsc();
}
