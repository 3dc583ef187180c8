/**
 * The email channel: mailboxes (IMAP in, SMTP out), the poller and the importer. Its services are a named
 * interface so that set-up code elsewhere (the demo's own mail server) can connect a mailbox.
 */
@org.springframework.modulith.NamedInterface("email")
package org.parley.channel.email;
