package org.parley.conversation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.parley.base.Channel;
import org.parley.conversation.ConversationAccess.Viewer;
import org.parley.customer.CustomerDirectory;
import org.parley.customer.CustomerDirectory.Sender;
import org.parley.customer.IdentityKey;
import org.parley.customer.ResolvedCustomer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The ingestion lanes store a batch of messages in one transaction, their senders resolved together
 * ({@link CustomerDirectory#resolveAll}) and the messages threaded and stored together
 * ({@link ConversationService#receiveAll}), with the lookups of the whole batch read ahead. A batch must land
 * exactly as the same messages one at a time would: a new sender twice is one customer, a follow-up threads into
 * the conversation an earlier message of the batch started, a repeated message is a duplicate of the first.
 */
abstract class ReceiveBatchContract {

    @Autowired
    ConversationService conversations;
    @Autowired
    CustomerDirectory customers;
    @Autowired
    PlatformTransactionManager transactions;

    /** One message of the scenario: who sends it (a letter), its external id, subject and thread hint. */
    private record Mail(String sender, String externalId, String subject, String inReplyTo) {
    }

    /**
     * Known customer "b" wrote before; then "b" follows up on the same subject, new customer "a" starts a topic,
     * follows it up by subject and by In-Reply-To, the first mail of "a" comes again, "c" writes, and "a" starts
     * a second topic (by email a new subject is a new conversation).
     */
    private static final List<Mail> SCENARIO = List.of(
            new Mail("b", "b1", "Re: Order 7", null),
            new Mail("a", "a1", "Kettle", null),
            new Mail("a", "a2", "Re: Kettle", null),
            new Mail("a", "a3", "Something else", "a1"),
            new Mail("a", "a1", "Kettle", null),
            new Mail("c", "c1", "Hello", null),
            new Mail("a", "a4", "Invoice", null));

    @Test
    void aBatchLandsExactlyAsTheSameMessagesOneAtATime() {
        Instant at = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String batchRun = run();
        String aloneRun = run();
        TransactionTemplate transaction = new TransactionTemplate(transactions);
        for (String run : List.of(batchRun, aloneRun)) {
            // "b" is known: one earlier mail, on its own
            transaction.execute(status -> store(run, List.of(new Mail("b", "b0", "Order 7", null)), at.minusSeconds(60)));
        }

        List<StoredMessage> batch = transaction.execute(status -> store(batchRun, SCENARIO, at));
        List<StoredMessage> alone = new ArrayList<>();
        for (Mail mail : SCENARIO) {
            alone.addAll(transaction.execute(status -> store(aloneRun, List.of(mail), at)));
        }

        assertThat(shape(batch)).isEqualTo(shape(alone));
        // and the shape is the one threading promises
        assertThat(batch.get(1).customerId()).isEqualTo(batch.get(2).customerId()).isEqualTo(batch.get(6).customerId());
        assertThat(batch.get(1).conversationId()).isEqualTo(batch.get(2).conversationId())
                .isEqualTo(batch.get(3).conversationId());
        assertThat(batch.get(4)).isEqualTo(new StoredMessage(batch.get(1).messageId(), batch.get(1).conversationId(),
                batch.get(1).customerId(), true));
        assertThat(batch.get(6).conversationId()).isNotEqualTo(batch.get(1).conversationId());
        assertThat(batch.get(5).customerId()).isNotEqualTo(batch.get(1).customerId());
        assertThat(conversations.messages(Viewer.SYSTEM, batch.get(1).conversationId())).extracting(MessageView::text)
                .containsExactly("text of a1", "text of a2", "text of a3");
        assertThat(conversations.conversationsOf(Viewer.SYSTEM, batch.get(0).customerId())).hasSize(1)
                .first().satisfies(c -> assertThat(c.id()).isEqualTo(batch.get(0).conversationId()));
        assertThat(conversations.messages(Viewer.SYSTEM, batch.get(0).conversationId())).extracting(MessageView::text)
                .containsExactly("text of b0", "text of b1");
    }

    /**
     * A batch takes a sender its one identity query did not find for new. When another transaction (another node)
     * creates that sender before the batch commits, the unique key refuses the batch's copy, nothing of the batch is
     * kept, and the sender alone (as the lanes then store each message) is found, not made again.
     */
    @Test
    void aSenderCreatedElsewhereWhileTheBatchRunsFailsTheBatchAndIsFoundAlone() throws Exception {
        String run = run();
        IdentityKey x = new IdentityKey(Channel.EMAIL, address(run, "x"));
        IdentityKey y = new IdentityKey(Channel.EMAIL, address(run, "y"));
        TransactionTemplate lane = new TransactionTemplate(transactions);
        lane.setIsolationLevel(TransactionTemplate.ISOLATION_READ_COMMITTED); // as the ingestion lanes run
        AtomicReference<UUID> createdElsewhere = new AtomicReference<>();

        assertThatThrownBy(() -> lane.execute(status -> {
            List<ResolvedCustomer> batch = customers.resolveAll(List.of(new Sender(x, "X", x.value(), Instant.now()),
                    new Sender(y, "Y", y.value(), Instant.now())));
            assertThat(batch).allMatch(ResolvedCustomer::created);
            try (var otherNode = Executors.newSingleThreadExecutor()) {
                createdElsewhere.set(otherNode.submit(() -> new TransactionTemplate(transactions).execute(
                        s -> customers.resolve(x, "X", x.value(), Instant.now()).customerId())).get());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            return batch;
        })).isInstanceOf(DataIntegrityViolationException.class);

        ResolvedCustomer alone = lane.execute(status -> customers.resolve(x, "X", x.value(), Instant.now()));
        assertThat(alone).isEqualTo(new ResolvedCustomer(createdElsewhere.get(), false));
        assertThat(customers.findByIdentity(y)).isEmpty();
    }

    /** The messages of this run's senders in one transaction, as an ingestion lane stores a batch. */
    private List<StoredMessage> store(String run, List<Mail> mails, Instant at) {
        List<ResolvedCustomer> senders = customers.resolveAll(mails.stream().map(mail -> new Sender(
                new IdentityKey(Channel.EMAIL, address(run, mail.sender())), "Customer " + mail.sender(),
                address(run, mail.sender()), at)).toList());
        List<IncomingMessage> incoming = new ArrayList<>();
        for (int i = 0; i < mails.size(); i++) {
            Mail mail = mails.get(i);
            incoming.add(new IncomingMessage(senders.get(i).customerId(), "Customer " + mail.sender(), Channel.EMAIL,
                    "<" + mail.externalId() + "." + run + "@example.com>", mail.subject(), "text of " + mail.externalId(),
                    null, mail.inReplyTo() == null ? null : "<" + mail.inReplyTo() + "." + run + "@example.com>",
                    List.of(), null, at, null));
        }
        return conversations.receiveAll(Viewer.SYSTEM, incoming);
    }

    /** Customers, conversations and messages numbered in order of first appearance, and the duplicate flags. */
    private static List<String> shape(List<StoredMessage> stored) {
        Map<UUID, Integer> numbers = new HashMap<>();
        return stored.stream().map(s -> "customer " + numbers.computeIfAbsent(s.customerId(), id -> numbers.size())
                + " conversation " + numbers.computeIfAbsent(s.conversationId(), id -> numbers.size())
                + " message " + numbers.computeIfAbsent(s.messageId(), id -> numbers.size())
                + (s.duplicate() ? " duplicate" : "")).toList();
    }

    private static String address(String run, String sender) {
        return sender + "." + run + "@example.com";
    }

    private static String run() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
