package org.parley.support.archfixture;

import org.parley.support.archfixture.internal.ThingRepository;

/**
 * A deliberate violation for ServiceAccessArchitectureTest: checked as if this class sat in another module than
 * the internal repository it holds.
 */
public class ForeignUser {

    ThingRepository things;
}
