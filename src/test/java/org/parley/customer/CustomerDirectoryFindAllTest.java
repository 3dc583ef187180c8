package org.parley.customer;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.hibernate.SessionEventListener;
import org.hibernate.engine.spi.SessionImplementor;
import org.junit.jupiter.api.Test;
import org.parley.base.Channel;
import org.parley.customer.CustomerDirectory.IdentityInput;
import org.parley.support.ParleySpringTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Many customers at once: for each id what {@link CustomerDirectory#find} answers, in a fixed number of queries. */
@ParleySpringTest
class CustomerDirectoryFindAllTest {

    @Autowired
    CustomerDirectory customers;
    @Autowired
    PlatformTransactionManager transactions;
    @Autowired
    EntityManager em;

    @Test
    void findAllAnswersWhatFindAnswersForEachIdFollowingMergesAndLeavingOutUnknownIds() {
        String run = Long.toString(Math.abs(UUID.randomUUID().getMostSignificantBits()), 36);
        // identities given out of their order (type, value), and attributes
        CustomerProfile ada = customers.create("Ada " + run, List.of(
                new IdentityInput(Channel.PHONE, "+49 30 " + (1_000_000 + Math.abs(run.hashCode() % 8_999_999))),
                new IdentityInput(Channel.EMAIL, "zed-" + run + "@example.com"),
                new IdentityInput(Channel.EMAIL, "ada-" + run + "@example.com")));
        customers.setAttribute(ada.id(), "plan", "pro");
        customers.setAttribute(ada.id(), "seats", "3");
        CustomerProfile bob = customers.create("Bob " + run, List.of(
                new IdentityInput(Channel.EMAIL, "bob-" + run + "@example.com")));
        CustomerProfile cy = customers.create("Cy " + run, List.of(
                new IdentityInput(Channel.EMAIL, "cy-" + run + "@example.com")));
        CustomerProfile plain = customers.create("Plain " + run, List.of());
        customers.merge(bob.id(), cy.id());
        UUID unknown = UUID.randomUUID();
        List<UUID> ids = List.of(cy.id(), unknown, ada.id(), bob.id(), plain.id());

        Map<UUID, CustomerProfile> all = customers.findAll(ids);

        assertThat(all.keySet()).containsExactly(cy.id(), ada.id(), bob.id(), plain.id());
        for (UUID id : ids) {
            assertThat(Optional.ofNullable(all.get(id))).as("%s", id).isEqualTo(customers.find(id));
        }
        assertThat(all.get(cy.id()).id()).as("a merged id stands for its survivor").isEqualTo(bob.id());
        assertThat(all.get(ada.id()).identities()).hasSize(3);
        assertThat(all.get(ada.id()).attributes()).containsEntry("plan", "pro").containsEntry("seats", "3");
        assertThat(customers.findAll(List.of())).isEmpty();
        assertThat(customers.findAll(List.of(unknown))).isEmpty();

        // identities and attributes come with the customers: two queries for all of them, one more per merge hop
        // to a survivor not among them
        assertThat(queries(() -> customers.findAll(ids))).isEqualTo(2);
        assertThat(queries(() -> customers.findAll(List.of(cy.id(), ada.id(), plain.id())))).isEqualTo(3);
    }

    /** How many JDBC statements the action runs in a transaction of its own. */
    private int queries(Runnable action) {
        AtomicInteger statements = new AtomicInteger();
        new TransactionTemplate(transactions).executeWithoutResult(s -> {
            em.unwrap(SessionImplementor.class).getEventListenerManager().addListener(new SessionEventListener() {
                @Override
                public void jdbcExecuteStatementStart() {
                    statements.incrementAndGet();
                }
            });
            action.run();
        });
        return statements.get();
    }
}
