/**
 * Reports: per-conversation facts kept step by step from the events, and the supervisor views on them.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"audit", "base", "conversation", "csat", "csat :: report-section", "customer", "sla", "team"})
package org.parley.report;
