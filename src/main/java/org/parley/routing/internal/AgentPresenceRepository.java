package org.parley.routing.internal;

import jakarta.persistence.LockModeType;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;

public interface AgentPresenceRepository extends JpaRepository<AgentPresence, UUID> {

    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select p from AgentPresence p where p.agentId in ?1 order by p.agentId")
    List<AgentPresence> lockAll(Collection<UUID> agentIds);
}
