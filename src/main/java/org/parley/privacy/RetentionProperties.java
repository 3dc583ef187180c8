package org.parley.privacy;

import org.parley.conversation.ConversationRetention.Mode;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The retention policy for resolved conversations.
 *
 * @param resolvedConversationsDays resolved or closed conversations without activity for longer are deleted
 *     or anonymised; 0 (the default) keeps everything
 * @param mode DELETE or ANONYMISE
 * @param cron when the policy runs (Quartz cron, server time zone)
 */
@ConfigurationProperties("parley.retention")
public record RetentionProperties(int resolvedConversationsDays, Mode mode, String cron) {

    public RetentionProperties {
        if (resolvedConversationsDays < 0) {
            throw new IllegalArgumentException("parley.retention.resolved-conversations-days must not be negative");
        }
        mode = mode == null ? Mode.ANONYMISE : mode;
        cron = cron == null || cron.isBlank() ? "0 30 3 * * ?" : cron;
    }

    public boolean enabled() {
        return resolvedConversationsDays > 0;
    }
}
