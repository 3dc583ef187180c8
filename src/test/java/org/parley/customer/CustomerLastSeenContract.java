package org.parley.customer;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.parley.base.Channel;
import org.parley.customer.CustomerDirectory.IdentityInput;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A message moves the customer's last-seen time without a version check against people's edits, so an edit or a
 * merge that read the customer before the message and commits after it must not write the older time back. The
 * times are written apart from the entity (one statement for a batch of customers), so every way they move is
 * checked as stored: a batch of messages, a merge and its undoing.
 */
abstract class CustomerLastSeenContract {

    @Autowired
    CustomerDirectory customers;
    @Autowired
    PlatformTransactionManager transactions;
    @Autowired
    EntityManager em;

    @Test
    void anEditReadBeforeAMessageAndCommittedAfterItKeepsTheMessagesLastSeenTime() throws Exception {
        String run = Long.toString(Math.abs(UUID.randomUUID().getMostSignificantBits()), 36);
        String address = "lee-" + run + "@example.com";
        CustomerProfile lee = customers.create("Lee " + run, List.of(new IdentityInput(Channel.EMAIL, address)));
        Instant messageAt = Instant.now().plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);

        new TransactionTemplate(transactions).executeWithoutResult(status -> {
            em.find(Customer.class, lee.id()).rename("Lee Renamed " + run);
            // the customer writes meanwhile: their message commits before the edit does
            try (var ingestion = Executors.newSingleThreadExecutor()) {
                ingestion.submit(() -> customers.resolve(customers.normalizer().normalize(Channel.EMAIL, address),
                        "Lee", address, messageAt)).get();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });

        CustomerProfile after = customers.get(lee.id());
        assertThat(after.displayName()).isEqualTo("Lee Renamed " + run);
        assertThat(after.lastSeenAt()).isEqualTo(messageAt);
    }

    @Test
    void aBatchWritesEveryMovedTimeAndAMergeAndItsUndoingWriteTheSurvivors() {
        String run = Long.toString(Math.abs(UUID.randomUUID().getMostSignificantBits()), 36);
        CustomerProfile ann = customers.create("Ann " + run,
                List.of(new IdentityInput(Channel.EMAIL, "ann-" + run + "@example.com")));
        CustomerProfile bob = customers.create("Bob " + run,
                List.of(new IdentityInput(Channel.EMAIL, "bob-" + run + "@example.com")));
        Instant bobLastSeen = customers.get(bob.id()).lastSeenAt();
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Instant annWrites = now.plus(1, ChronoUnit.HOURS);
        Instant bobsOldMail = now.minus(2, ChronoUnit.DAYS);
        Instant carlFirst = now.plus(1, ChronoUnit.MINUTES);
        Instant carlAgain = now.plus(2, ChronoUnit.HOURS);

        List<ResolvedCustomer> resolved = new TransactionTemplate(transactions).execute(status -> customers.resolveAll(
                List.of(sender("ann-" + run, annWrites), sender("bob-" + run, bobsOldMail),
                        sender("carl-" + run, carlFirst), sender("carl-" + run, carlAgain))));

        CustomerProfile annAfter = customers.get(ann.id());
        assertThat(annAfter.lastSeenAt()).as("a known sender's message moves the last-seen time").isEqualTo(annWrites);
        CustomerProfile bobAfter = customers.get(bob.id());
        assertThat(bobAfter.createdAt()).as("an older message moves the first-seen time back").isEqualTo(bobsOldMail);
        assertThat(bobAfter.lastSeenAt()).isEqualTo(bobLastSeen);
        CustomerProfile carl = customers.get(resolved.get(2).customerId());
        assertThat(resolved.get(3).customerId()).isEqualTo(carl.id());
        assertThat(carl.createdAt()).isEqualTo(carlFirst);
        assertThat(carl.lastSeenAt()).as("a new sender's second message of the batch").isEqualTo(carlAgain);

        // Bob's older first message moves Ann's first-seen time back, Carl's later message her last-seen time on
        customers.merge(ann.id(), bob.id());
        assertThat(customers.get(ann.id()).createdAt()).isEqualTo(bobsOldMail);
        customers.merge(ann.id(), carl.id());
        assertThat(customers.get(ann.id()).lastSeenAt()).as("the survivor takes the absorbed customer's later time")
                .isEqualTo(carlAgain);

        UUID bobsMerge = customers.mergesInto(ann.id()).stream().filter(m -> m.absorbedId().equals(bob.id()))
                .findFirst().orElseThrow().id();
        customers.unmerge(bobsMerge);
        assertThat(customers.get(ann.id()).createdAt()).as("undone, Ann was first seen when she was before")
                .isEqualTo(annAfter.createdAt());
    }

    private CustomerDirectory.Sender sender(String name, Instant at) {
        String address = name + "@example.com";
        return new CustomerDirectory.Sender(customers.normalizer().normalize(Channel.EMAIL, address), name, address, at);
    }
}
