package org.parley.channel.email;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The email channel's settings ({@code parley.channels.email.*}): mailboxes declared as code (shown
 * read-only in the Channels view), the attachment size limit and the poller's rhythm.
 *
 * @param maxAttachmentSize larger attachments are dropped, with a note on the message saying so
 * @param pollers how many mailboxes are fetched in parallel on one node
 * @param lease how long a node holds a mailbox while importing it (another node waits or takes over after)
 * @param idle keep an IMAP IDLE connection per mailbox to fetch new mail at once (servers without IDLE are polled)
 */
@ConfigurationProperties("parley.channels.email")
public record EmailProperties(@DefaultValue List<DeclaredMailbox> mailboxes,
        @DefaultValue("10MB") DataSize maxAttachmentSize, @DefaultValue("true") boolean pollingEnabled,
        @DefaultValue("4") int pollers, @DefaultValue("2m") Duration lease, @DefaultValue("true") boolean idle) {

    /** A mailbox declared in properties: {@code parley.channels.email.mailboxes[N].*}. */
    public record DeclaredMailbox(String name, String imapHost, @DefaultValue("993") int imapPort,
            @DefaultValue("true") boolean imapTls, String username, String password, @DefaultValue("INBOX") String folder,
            String smtpHost, @DefaultValue("587") int smtpPort, @DefaultValue("true") boolean smtpTls,
            String fromAddress, @DefaultValue("60s") Duration pollInterval) {
    }
}
