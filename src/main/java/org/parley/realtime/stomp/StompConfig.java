package org.parley.realtime.stomp;

import java.util.Map;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.messaging.simp.config.ChannelRegistration;
import org.springframework.messaging.simp.config.MessageBrokerRegistry;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.config.annotation.EnableWebSocketMessageBroker;
import org.springframework.web.socket.config.annotation.StompEndpointRegistry;
import org.springframework.web.socket.config.annotation.WebSocketMessageBrokerConfigurer;
import org.springframework.web.socket.server.support.DefaultHandshakeHandler;

/**
 * STOMP over a plain WebSocket at {@code /ws} for wallboards and integrations, authenticated with an
 * API token ({@code Authorization: Bearer …} on the handshake or in the CONNECT frame).
 * {@code /topic/conversations} and {@code /topic/teams/{id}/queue} are served per session by
 * {@link StompFanOut} (each session only gets the conversations its token's agent may see);
 * {@code /user/queue/notifications} goes through the simple broker's user destinations.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSocketMessageBroker
class StompConfig implements WebSocketMessageBrokerConfigurer {

    private final StompAuthentication authentication;

    StompConfig(StompAuthentication authentication) {
        this.authentication = authentication;
    }

    /**
     * The application's task executor as Spring Boot would create it: the message broker's own
     * executors would otherwise stop Boot from creating it, and Vaadin (and {@code @Async} listeners)
     * would no longer find a single executor to use.
     */
    @org.springframework.context.annotation.Bean(name = {"applicationTaskExecutor", "taskExecutor"})
    @com.vaadin.flow.spring.annotation.VaadinTaskExecutor
    @org.springframework.context.annotation.Primary
    static org.springframework.core.task.SimpleAsyncTaskExecutor applicationTaskExecutor(
            org.springframework.boot.task.SimpleAsyncTaskExecutorBuilder builder) {
        return builder.build();
    }

    @Override
    public void registerStompEndpoints(StompEndpointRegistry registry) {
        registry.addEndpoint("/ws")
                // tokens, not cookies, authenticate here: any origin may connect
                .setAllowedOriginPatterns("*")
                .setHandshakeHandler(new DefaultHandshakeHandler() {
                    @Override
                    protected java.security.Principal determineUser(ServerHttpRequest request,
                            WebSocketHandler wsHandler, Map<String, Object> attributes) {
                        return (java.security.Principal) attributes.get(StompAuthentication.PRINCIPAL);
                    }
                })
                .addInterceptors(authentication);
    }

    @Override
    public void configureMessageBroker(MessageBrokerRegistry registry) {
        registry.enableSimpleBroker("/queue");
        registry.setUserDestinationPrefix("/user");
        registry.setApplicationDestinationPrefixes("/app");
    }

    @Override
    public void configureClientInboundChannel(ChannelRegistration registration) {
        registration.interceptors(authentication);
    }
}
