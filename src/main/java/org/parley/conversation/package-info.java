/**
 * Conversations and their messages: one threaded timeline per customer, team visibility, replies, notes,
 * and the typed events every other module reacts to.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"audit", "base", "customer", "team"})
package org.parley.conversation;
