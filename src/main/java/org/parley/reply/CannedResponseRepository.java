package org.parley.reply;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

interface CannedResponseRepository extends JpaRepository<CannedResponse, UUID> {

    /** Everything an agent may use: global, the agent's teams', and the agent's own responses. */
    @Query("""
            select distinct r from CannedResponse r left join fetch r.tags
            where r.scope = org.parley.reply.ResponseScope.GLOBAL
               or (r.scope = org.parley.reply.ResponseScope.TEAM and r.teamId in :teamIds)
               or (r.scope = org.parley.reply.ResponseScope.PERSONAL and r.ownerAgentId = :agentId)
            order by r.title""")
    List<CannedResponse> findVisible(@Param("agentId") UUID agentId, @Param("teamIds") Collection<UUID> teamIds);

    @Query("select distinct r from CannedResponse r left join fetch r.tags order by r.title")
    List<CannedResponse> findAllWithTags();

    @Query("select r from CannedResponse r left join fetch r.tags where r.id = :id")
    Optional<CannedResponse> findWithTags(@Param("id") UUID id);

    boolean existsByScopeKeyAndShortcut(String scopeKey, String shortcut);

    Optional<CannedResponse> findByScopeKeyAndShortcut(String scopeKey, String shortcut);
}
