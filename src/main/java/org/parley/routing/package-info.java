/**
 * Routing rules, assignment strategies and agent presence.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"audit", "base", "conversation", "csat", "customer", "security", "sla", "team"})
package org.parley.routing;
