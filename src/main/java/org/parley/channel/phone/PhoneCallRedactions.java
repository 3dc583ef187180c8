package org.parley.channel.phone;

import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;

/** Bulk statements for erasure and retention of call records. */
interface PhoneCallRedactions extends Repository<PhoneCall, java.util.UUID> {

    @Modifying(flushAutomatically = true)
    @Query("""
            update PhoneCall p set p.fromNumber = 'erased', p.toNumber = 'erased', p.transcript = null,
              p.recordingUrl = null where p.customerId = :customerId""")
    int eraseCustomer(java.util.UUID customerId);

    @Query("select p.id, p.callId from PhoneCall p where p.customerId = :customerId")
    java.util.List<Object[]> callIdsOf(java.util.UUID customerId);

    @Modifying(flushAutomatically = true)
    @Query("update PhoneCall p set p.callId = :callId where p.id = :id")
    int replaceCallId(java.util.UUID id, String callId);

    @Modifying(flushAutomatically = true)
    @Query("delete from PhoneCall p where p.conversationId in :conversationIds")
    int deleteOf(java.util.Collection<java.util.UUID> conversationIds);
}
