package org.parley.customer;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** {@link CustomerRepository}'s queries for a list of customers, through {@link org.parley.base.persistence.ListQuery}. */
interface CustomerListQueries {

    /** The display names of the customers with these ids. */
    Map<UUID, String> findNames(Collection<UUID> ids);

    /** The customers with these ids, their identities loaded (in the order of {@code Customer.identities}). */
    List<Customer> findAllWithIdentities(Collection<UUID> ids);

    /** Loads the attributes of these customers (in the persistence context already, or loaded now) in one query. */
    List<Customer> fetchAttributes(Collection<UUID> ids);
}
