package org.parley.support.archfixture;

import java.util.UUID;
import org.parley.support.archfixture.internal.Thing;
import org.springframework.data.repository.NoRepositoryBean;
import org.springframework.data.repository.Repository;

/** A deliberate violation for ServiceAccessArchitectureTest: a public repository outside an internal package. */
@NoRepositoryBean // a fixture for ArchUnit only: Spring Data must not make it a bean
public interface PublicRepository extends Repository<Thing, UUID> {
}
