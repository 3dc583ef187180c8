/**
 * The demo desk seeded into an empty embedded database.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"base", "channel", "channel :: email", "conversation", "customer", "reply", "routing", "sla", "team"})
package org.parley.demo;
