package org.parley.webhook;

import java.util.UUID;
import org.parley.conversation.ConversationAccess.Viewer;
import org.parley.realtime.NotificationCenter;
import org.parley.team.Agent;
import org.parley.team.Role;
import org.parley.team.TeamDirectory;
import org.springframework.stereotype.Component;

/** Tells every active admin, in their bell, that a webhook was disabled after a day of failed deliveries. */
@Component
class DisabledWebhookNotice {

    static final String KIND = "WEBHOOK";

    private final NotificationCenter notifications;
    private final TeamDirectory team;

    DisabledWebhookNotice(NotificationCenter notifications, TeamDirectory team) {
        this.notifications = notifications;
        this.team = team;
    }

    /** Runs in the transaction that disabled the subscription. */
    void disabled(UUID subscriptionId, String url, String reason) {
        for (Agent admin : team.activeAgents()) {
            if (admin.hasRole(Role.ADMIN)) {
                notifications.notify(Viewer.SYSTEM, admin.getId(), KIND, null, "Webhook to " + url
                        + " was disabled: " + reason + ". Fix the receiver, then subscribe it again (Webhooks).");
            }
        }
    }
}
