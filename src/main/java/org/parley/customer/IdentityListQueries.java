package org.parley.customer;

import java.util.Collection;
import java.util.List;
import org.parley.base.Channel;

/** {@link IdentityRepository}'s query for a batch's senders, through {@link org.parley.base.persistence.ListQuery}. */
interface IdentityListQueries {

    /** Locks the identities with any of these types and values (a superset of the keys asked for) and customers. */
    List<Identity> findByKeysForUpdate(Collection<Channel> types, Collection<String> values);
}
