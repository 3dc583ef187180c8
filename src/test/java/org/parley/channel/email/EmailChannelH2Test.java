package org.parley.channel.email;

import org.parley.support.ParleySpringTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

@ParleySpringTest
@TestPropertySource(properties = {"parley.channels.email.polling-enabled=false",
        "parley.channels.email.max-attachment-size=1KB", "parley.outbox.poll-interval=200ms"})
class EmailChannelH2Test extends EmailChannelContract {

    @Autowired
    TransactionTemplate transaction;

    @Override
    void resetPosition() {
        transaction.executeWithoutResult(s -> mailboxRepository.recordPosition(mailbox.getId(),
                mailboxRepository.findById(mailbox.getId()).orElseThrow().getUidValidity(), 0));
    }
}
