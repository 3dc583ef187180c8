/**
 * SLA calendars, policies and clocks; escalations and the escalation queue.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"audit", "base", "conversation", "customer", "security", "team"})
package org.parley.sla;
