package org.parley.channel.outbox;

import org.parley.support.ParleySpringTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

@ParleySpringTest
@Import(OutboxContract.Senders.class)
@TestPropertySource(properties = {"parley.outbox.initial-backoff=50ms", "parley.outbox.max-backoff=200ms",
        "parley.outbox.poll-interval=100ms", "parley.outbox.max-attempts=4"})
class OutboxH2Test extends OutboxContract {
}
