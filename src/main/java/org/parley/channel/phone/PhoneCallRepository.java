package org.parley.channel.phone;

import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

interface PhoneCallRepository extends JpaRepository<PhoneCall, UUID> {

    Optional<PhoneCall> findByCallId(String callId);
}
