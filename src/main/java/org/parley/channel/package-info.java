/**
 * The doors messages come in and go out through: the inbound API with group commit, email (IMAP/SMTP),
 * phone events, social webhooks, the outbox and the channel secrets.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"audit", "base", "conversation", "customer", "security", "team"})
package org.parley.channel;
