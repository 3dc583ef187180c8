package org.parley.customer;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.parley.base.Channel;
import org.parley.customer.CustomerDirectory.IdentityInput;
import org.parley.support.ParleySpringTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A message whose sender's identity is being moved by a merge waits for the merge and then belongs to the survivor.
 * On H2 the locking read that waited used to come back empty (the identity no longer joined the customer it first
 * saw), so the message took a known sender for a new one and failed on the identity's unique key.
 */
@ParleySpringTest
class IdentityLockDuringMergeTest {

    @Autowired
    CustomerDirectory customers;
    @Autowired
    PlatformTransactionManager transactions;

    @Test
    void aMessageThatWaitedForAMergeOfItsSenderBelongsToTheSurvivor() throws Exception {
        String run = Long.toString(Math.abs(UUID.randomUUID().getMostSignificantBits()), 36);
        String ottoAddress = "otto-" + run + "@example.com";
        CustomerProfile jane = customers.create("Jane " + run,
                List.of(new IdentityInput(Channel.EMAIL, "jane-" + run + "@example.com")));
        CustomerProfile otto = customers.create("Otto " + run, List.of(new IdentityInput(Channel.EMAIL, ottoAddress)));
        IdentityKey ottoKey = customers.normalizer().normalize(Channel.EMAIL, ottoAddress);

        AtomicReference<Future<ResolvedCustomer>> message = new AtomicReference<>();
        try (var ingestion = Executors.newSingleThreadExecutor()) {
            new TransactionTemplate(transactions).executeWithoutResult(status -> {
                // the merge has moved Otto's identity and holds its row until it commits
                customers.merge(jane.id(), otto.id());
                message.set(ingestion.submit(() -> customers.resolve(ottoKey, "Otto", ottoAddress, Instant.now())));
                try {
                    Thread.sleep(300);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            ResolvedCustomer resolved = message.get().get(30, TimeUnit.SECONDS);

            assertThat(resolved.created()).isFalse();
            assertThat(resolved.customerId()).isEqualTo(jane.id());
        }
        assertThat(customers.search(ottoAddress, 10)).extracting(CustomerProfile::id)
                .as("Otto's address leads to the survivor only").containsExactly(jane.id());
    }
}
