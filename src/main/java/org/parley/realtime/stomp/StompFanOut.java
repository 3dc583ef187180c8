package org.parley.realtime.stomp;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.parley.conversation.ConversationAccess;
import org.parley.conversation.ConversationAccess.Viewer;
import org.parley.realtime.LiveBus;
import org.parley.realtime.LiveEvent;
import org.parley.realtime.NotificationCenter;
import org.parley.realtime.NotificationView;
import org.parley.team.AgentPrincipal;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Lazy;
import org.springframework.context.event.EventListener;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.MessageDeliveryException;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.SimpMessageType;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.stereotype.Component;
import org.springframework.util.MimeTypeUtils;
import org.springframework.web.socket.messaging.SessionDisconnectEvent;
import tools.jackson.databind.json.JsonMapper;

/**
 * Delivers {@link LiveEvent}s to STOMP sessions one by one, so that each session receives only the
 * conversations its agent may see ({@link ConversationAccess}): {@code /topic/conversations} carries
 * every such event, {@code /topic/teams/{id}/queue} those of one team (only for the team's members,
 * SUPERVISORs and ADMINs), {@code /user/queue/notifications} the bell's notifications of the
 * session's own agent. Other destinations are refused.
 */
@Component
class StompFanOut {

    private static final Pattern TEAM_QUEUE = Pattern.compile("/topic/teams/([0-9a-fA-F-]{36})/queue");
    static final String CONVERSATIONS = "/topic/conversations";
    static final String NOTIFICATIONS = "/user/queue/notifications";

    private final LiveBus bus;
    private final ConversationAccess access;
    private final MessageChannel outbound;
    private final JsonMapper json;
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();

    StompFanOut(LiveBus bus, ConversationAccess access,
            @Lazy @Qualifier("clientOutboundChannel") MessageChannel outbound, JsonMapper json,
            NotificationCenter notifications) {
        notifications.addListener(org.parley.conversation.ConversationAccess.Viewer.SYSTEM, n -> sessions.values().stream()
                .filter(s -> n.agentId().equals(s.viewer.agentId())).forEach(s -> s.deliver(n)));
        this.bus = bus;
        this.access = access;
        this.outbound = outbound;
        this.json = json;
    }

    private final class Session {

        final String id;
        final Viewer viewer;
        final Map<String, String> subscriptions = new ConcurrentHashMap<>();
        LiveBus.Subscription live;

        Session(String id, Viewer viewer) {
            this.id = id;
            this.viewer = viewer;
        }

        void deliver(LiveEvent event) {
            if (subscriptions.isEmpty()) {
                return;
            }
            byte[] payload = json.writeValueAsBytes(event);
            subscriptions.forEach((subscriptionId, destination) -> {
                if (destination.equals(CONVERSATIONS) || (event.teamId() != null
                        && destination.equals("/topic/teams/" + event.teamId() + "/queue"))) {
                    send(subscriptionId, destination, payload);
                }
            });
        }

        void deliver(NotificationView notification) {
            byte[] payload = json.writeValueAsBytes(notification);
            subscriptions.forEach((subscriptionId, destination) -> {
                if (destination.equals(NOTIFICATIONS)) {
                    send(subscriptionId, destination, payload);
                }
            });
        }

        private void send(String subscriptionId, String destination, byte[] payload) {
            SimpMessageHeaderAccessor headers = SimpMessageHeaderAccessor.create(SimpMessageType.MESSAGE);
            headers.setSessionId(id);
            headers.setSubscriptionId(subscriptionId);
            headers.setDestination(destination);
            headers.setContentType(MimeTypeUtils.APPLICATION_JSON);
            headers.setLeaveMutable(true);
            outbound.send(MessageBuilder.createMessage(payload, headers.getMessageHeaders()));
        }
    }

    void connected(String sessionId, AgentPrincipal principal) {
        Session session = new Session(sessionId, access.viewerOf(principal));
        session.live = bus.subscribe(session.viewer, session::deliver);
        Session before = sessions.put(sessionId, session);
        if (before != null) {
            before.live.close();
        }
    }

    void subscribe(String sessionId, String subscriptionId, String destination) {
        Session session = sessions.get(sessionId);
        if (session == null || destination == null || subscriptionId == null) {
            throw new MessageDeliveryException("connect first");
        }
        Matcher team = TEAM_QUEUE.matcher(destination);
        if (team.matches()) {
            UUID teamId = UUID.fromString(team.group(1));
            if (!session.viewer.seesAll() && !session.viewer.teamIds().contains(teamId)) {
                throw new MessageDeliveryException("not a member of team " + teamId);
            }
        } else if (!destination.equals(CONVERSATIONS) && !destination.equals(NOTIFICATIONS)) {
            throw new MessageDeliveryException("unknown destination " + destination + ": use " + CONVERSATIONS
                    + ", /topic/teams/{id}/queue or " + NOTIFICATIONS);
        }
        session.subscriptions.put(subscriptionId, destination);
    }

    void unsubscribe(String sessionId, String subscriptionId) {
        Session session = sessions.get(sessionId);
        if (session != null && subscriptionId != null) {
            session.subscriptions.remove(subscriptionId);
        }
    }

    void disconnected(String sessionId) {
        Session session = sessions.remove(sessionId);
        if (session != null) {
            session.live.close();
        }
    }

    @EventListener
    void on(SessionDisconnectEvent event) {
        disconnected(event.getSessionId());
    }

    int sessionCount() {
        return sessions.size();
    }
}
