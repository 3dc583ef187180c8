package org.parley.team;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface TeamRepository extends JpaRepository<Team, UUID> {

    List<Team> findAllByOrderByName();

    Optional<Team> findByNameIgnoreCase(String name);

    @Query("select t.id from Team t where t.openToAllAgents = true")
    List<UUID> findOpenTeamIds();

    @Query("select t from Team t where :agentId member of t.memberIds order by t.name")
    List<Team> findByMember(UUID agentId);
}
