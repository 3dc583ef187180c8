package org.parley.channel.email;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

interface MailboxRepository extends JpaRepository<Mailbox, UUID> {

    Optional<Mailbox> findByName(String name);

    List<Mailbox> findAllByOrderByName();

    List<Mailbox> findByEnabledTrueOrderByName();

    /** Takes the mailbox's import lease if it is free, expired or already ours; 1 when taken. */
    @Modifying
    @Query("""
            update Mailbox m set m.leaseOwner = :owner, m.leaseUntil = :until
            where m.id = :id and m.enabled = true
              and (m.leaseUntil is null or m.leaseUntil < :now or m.leaseOwner = :owner)""")
    int tryLease(UUID id, String owner, Instant until, Instant now);

    @Modifying
    @Query("update Mailbox m set m.leaseOwner = null, m.leaseUntil = null where m.id = :id and m.leaseOwner = :owner")
    int releaseLease(UUID id, String owner);

    @Modifying
    @Query("update Mailbox m set m.uidValidity = :uidValidity, m.lastUid = :lastUid where m.id = :id")
    int recordPosition(UUID id, long uidValidity, long lastUid);

    @Modifying
    @Query("""
            update Mailbox m set m.countToday = case when m.countDay = :day then m.countToday + :imported else :imported end,
                m.countDay = :day where m.id = :id""")
    int countImported(UUID id, LocalDate day, int imported);

    @Modifying
    @Query("update Mailbox m set m.lastPollAt = :at, m.lastError = :error where m.id = :id")
    int recordPoll(UUID id, Instant at, String error);
}
