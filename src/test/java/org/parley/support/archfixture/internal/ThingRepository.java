package org.parley.support.archfixture.internal;

import java.util.UUID;
import org.springframework.data.repository.NoRepositoryBean;
import org.springframework.data.repository.Repository;

/** An internal repository that {@link org.parley.support.archfixture.ForeignUser} uses from "another module". */
@NoRepositoryBean // a fixture for ArchUnit only: Spring Data must not make it a bean
public interface ThingRepository extends Repository<Thing, UUID> {
}
