package org.parley.reply;

import java.util.List;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

interface CannedResponseUsageRepository extends JpaRepository<CannedResponseUsage, CannedResponseUsage.Key> {

    @Query("select u from CannedResponseUsage u where u.id.responseId = :responseId order by u.lastUsedAt desc")
    List<CannedResponseUsage> findByResponse(@Param("responseId") UUID responseId);
}
