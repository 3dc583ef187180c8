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
import org.parley.support.ParleySpringTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A message moves the customer's last-seen time without a version check against people's edits, so an edit or a
 * merge that read the customer before the message and commits after it must not write the older time back.
 */
@ParleySpringTest
class CustomerLastSeenTest {

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
}
