package org.parley.routing.internal;

import jakarta.persistence.LockModeType;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;

public interface TeamCursorRepository extends JpaRepository<TeamCursor, UUID> {

    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select c from TeamCursor c where c.teamId = ?1")
    Optional<TeamCursor> lock(UUID teamId);
}
