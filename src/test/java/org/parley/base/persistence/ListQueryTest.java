package org.parley.base.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.persistence.EntityManager;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.query.spi.QueryInterpretationCache;
import org.junit.jupiter.api.Test;
import org.parley.base.Channel;
import org.parley.customer.Customer;
import org.parley.customer.CustomerDirectory;
import org.parley.customer.CustomerDirectory.IdentityInput;
import org.parley.support.ParleySpringTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.annotation.Transactional;

@ParleySpringTest
@Transactional
class ListQueryTest {

    @Autowired
    EntityManager em;
    @Autowired
    CustomerDirectory customers;

    private List<UUID> someCustomers(String run, int count) {
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(customers.create("List " + run + " " + i,
                    List.of(new IdentityInput(Channel.EMAIL, "list-" + i + "-" + run + "@example.com"))).id());
        }
        return ids;
    }

    private List<UUID> withCollectionParameter(List<UUID> ids, String run) {
        return em.createQuery("select c.id from Customer c where c.id in :ids and c.displayName like :run", UUID.class)
                .setParameter("ids", ids).setParameter("run", "List " + run + "%").getResultList();
    }

    private List<UUID> withListQuery(List<UUID> ids, String run) {
        return ListQuery.of(em, UUID.class, "select c.id from Customer c where c.id in (:ids) and c.displayName like :run")
                .list("ids", ids).with("run", "List " + run + "%").getResultList();
    }

    @Test
    void everySizeRepeatsAndUnknownIdsIncludedFindsWhatACollectionParameterFinds() {
        String run = UUID.randomUUID().toString();
        List<UUID> known = someCustomers(run, 6);
        for (int size = 1; size <= known.size(); size++) {
            List<UUID> asked = new ArrayList<>(known.subList(0, size));
            asked.add(known.getFirst()); // a repeat
            asked.add(UUID.randomUUID()); // nobody
            assertThat(withListQuery(asked, run)).as("%d ids", size)
                    .containsExactlyInAnyOrderElementsOf(withCollectionParameter(asked, run))
                    .hasSize(size);
        }
        assertThat(withListQuery(List.of(), run)).isEmpty();
    }

    @Test
    void listsWhosePaddedSizesAgreeShareOnePlanWhichACollectionParameterNeverGets() {
        String run = UUID.randomUUID().toString();
        List<UUID> known = someCustomers(run, 5);
        QueryInterpretationCache plans = em.getEntityManagerFactory().unwrap(SessionFactoryImplementor.class)
                .getQueryEngine().getInterpretationCache();
        // a query text of its own, so that no other test's plans are counted
        String jpql = "select c.id from Customer c where c.id in (:ids) and c.displayName <> '" + run + "'";

        int before = plans.getNumberOfCachedQueryPlans();
        int[][] sizesAndPlans = {{1, 1}, {2, 1}, {3, 2}, {4, 2}, {5, 3}};
        for (int[] sizeAndPlans : sizesAndPlans) {
            assertThat(ListQuery.of(em, UUID.class, jpql).list("ids", known.subList(0, sizeAndPlans[0])).getResultList())
                    .hasSize(sizeAndPlans[0]);
            assertThat(plans.getNumberOfCachedQueryPlans()).as("plans after %d ids (1 and 2 are written as 2, 3 and 4"
                    + " as 4)", sizeAndPlans[0]).isEqualTo(before + sizeAndPlans[1]);
        }

        int beforePlain = plans.getNumberOfCachedQueryPlans();
        em.createQuery(jpql.replace("(:ids)", ":ids"), UUID.class).setParameter("ids", known).getResultList();
        em.createQuery(jpql.replace("(:ids)", "(:id)"), UUID.class).setParameter("id", known.getFirst()).getResultList();
        assertThat(plans.getNumberOfCachedQueryPlans())
                .as("Hibernate keeps no plan for a collection parameter, nor for a lone one in parentheses")
                .isEqualTo(beforePlain);
    }

    @Test
    void findAllByIdFindsTheEntitiesOfTheIdsItKnows() {
        String run = UUID.randomUUID().toString();
        List<UUID> known = someCustomers(run, 3);
        List<UUID> asked = new ArrayList<>(known);
        asked.add(UUID.randomUUID());
        assertThat(ListQuery.findAllById(em, Customer.class, asked)).extracting(Customer::getId)
                .containsExactlyInAnyOrderElementsOf(known);
    }

    @Test
    void aListTheQueryDoesNotWriteInParenthesesIsRefused() {
        assertThatThrownBy(() -> ListQuery.of(em, UUID.class, "select c.id from Customer c where c.id in :ids")
                .list("ids", List.of(UUID.randomUUID()))).isInstanceOf(IllegalArgumentException.class);
    }
}
