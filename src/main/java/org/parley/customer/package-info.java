/**
 * Customers as people: identities on every channel, attributes, merging and the customer panel.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"audit", "base"})
package org.parley.customer;
