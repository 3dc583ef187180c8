package org.parley.channel.email;

import java.util.List;
import java.util.UUID;
import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.JpaRepository;

interface QuarantineRepository extends JpaRepository<QuarantinedMail, UUID> {

    List<QuarantinedMail> findAllByOrderByReceivedAtDesc(Limit limit);
}
