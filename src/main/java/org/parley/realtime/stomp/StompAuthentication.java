package org.parley.realtime.stomp;

import java.util.Map;
import java.util.Optional;
import org.parley.security.ApiTokenService;
import org.parley.team.AgentPrincipal;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.MessageDeliveryException;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.support.ChannelInterceptor;
import org.springframework.messaging.support.MessageHeaderAccessor;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.server.HandshakeInterceptor;

/**
 * Who is on the other end of a STOMP session: the agent of the API token given as
 * {@code Authorization: Bearer …} on the WebSocket handshake (a wrong token is refused with 401) or,
 * failing that, in the CONNECT frame's {@code Authorization} header. A session without a valid token
 * gets an ERROR frame; subscriptions are checked by {@link StompFanOut}.
 */
@Component
class StompAuthentication implements HandshakeInterceptor, ChannelInterceptor {

    static final String PRINCIPAL = "parley.principal";

    private final ApiTokenService tokens;
    private final StompFanOut fanOut;

    StompAuthentication(ApiTokenService tokens, StompFanOut fanOut) {
        this.tokens = tokens;
        this.fanOut = fanOut;
    }

    @Override
    public boolean beforeHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler wsHandler,
            Map<String, Object> attributes) {
        String header = request.getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
        if (header == null) {
            return true; // the token may come in the CONNECT frame
        }
        Optional<UsernamePasswordAuthenticationToken> user = authenticate(header);
        if (user.isEmpty()) {
            response.setStatusCode(HttpStatus.UNAUTHORIZED);
            return false;
        }
        attributes.put(PRINCIPAL, user.get());
        return true;
    }

    @Override
    public void afterHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler wsHandler,
            Exception exception) {
    }

    @Override
    public Message<?> preSend(Message<?> message, MessageChannel channel) {
        StompHeaderAccessor accessor = MessageHeaderAccessor.getAccessor(message, StompHeaderAccessor.class);
        if (accessor == null || accessor.getCommand() == null) {
            return message;
        }
        StompCommand command = accessor.getCommand();
        if (command == StompCommand.CONNECT || command == StompCommand.STOMP) {
            if (!(accessor.getUser() instanceof UsernamePasswordAuthenticationToken)) {
                String header = accessor.getFirstNativeHeader(HttpHeaders.AUTHORIZATION);
                if (header == null) {
                    header = accessor.getFirstNativeHeader("authorization");
                }
                UsernamePasswordAuthenticationToken user = authenticate(header).orElseThrow(
                        () -> new MessageDeliveryException("a valid API token is required (Authorization: Bearer ...)"));
                accessor.setUser(user);
            }
            fanOut.connected(accessor.getSessionId(), (AgentPrincipal) ((UsernamePasswordAuthenticationToken)
                    accessor.getUser()).getPrincipal());
        } else if (command == StompCommand.SUBSCRIBE) {
            fanOut.subscribe(accessor.getSessionId(), accessor.getSubscriptionId(), accessor.getDestination());
        } else if (command == StompCommand.UNSUBSCRIBE) {
            fanOut.unsubscribe(accessor.getSessionId(), accessor.getSubscriptionId());
        } else if (command == StompCommand.DISCONNECT) {
            fanOut.disconnected(accessor.getSessionId());
        } else if (command == StompCommand.SEND) {
            throw new MessageDeliveryException("this endpoint only publishes; clients may not SEND");
        }
        return message;
    }

    private Optional<UsernamePasswordAuthenticationToken> authenticate(String header) {
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        // a STOMP session only reads: the token needs the read scope (an ingest-only token is refused)
        return tokens.authenticate(header.substring(7))
                .filter(p -> org.parley.security.ApiScope.allows(p.getAuthorities(), "GET", "/ws"))
                .map(p -> UsernamePasswordAuthenticationToken.authenticated(
                p, null, p.getAuthorities()));
    }
}
