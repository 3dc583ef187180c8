/**
 * Outbound webhooks: admins subscribe URLs to Parley's events; each event becomes a durable, signed delivery
 * (written in the transaction that reacts to the event) that a dispatcher sends with retries and backoff.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"audit", "base", "conversation", "customer", "realtime", "security", "sla", "team"})
package org.parley.webhook;
