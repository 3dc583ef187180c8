package org.parley.realtime.rabbit;

import org.parley.realtime.LiveBus;
import org.parley.realtime.LiveEvent;
import org.parley.realtime.NotificationCenter;
import org.parley.realtime.NotificationView;
import org.parley.realtime.PresenceRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.AnonymousQueue;
import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.FanoutExchange;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.amqp.autoconfigure.RabbitProperties;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

/**
 * Fans live events out between nodes through RabbitMQ when {@code parley.realtime.rabbitmq.enabled=true}
 * (broker from the standard {@code spring.rabbitmq.*} properties): every node publishes its own events
 * to one fanout exchange and reads them from an auto-delete queue of its own, dropping the ones it
 * sent itself. Spring Boot's Rabbit auto-configuration stays excluded (application.yml), so a node
 * without a broker starts as before with the in-process bus only.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = "parley.realtime.rabbitmq", name = "enabled", havingValue = "true")
@EnableConfigurationProperties(RabbitProperties.class)
class RabbitRelayConfig {

    private static final Logger log = LoggerFactory.getLogger(RabbitRelayConfig.class);
    /** Notifications (the bell) travel on the same exchange, marked by this header value. */
    private static final String NOTIFICATION = "notification";
    /** Who has which conversation open (collision warnings), marked by this header value. */
    private static final String PRESENCE = "presence";

    @Bean
    CachingConnectionFactory parleyRabbitConnectionFactory(RabbitProperties rabbit) {
        CachingConnectionFactory factory = new CachingConnectionFactory(rabbit.determineHost(), rabbit.determinePort());
        factory.setUsername(rabbit.determineUsername());
        factory.setPassword(rabbit.determinePassword());
        if (rabbit.determineVirtualHost() != null) {
            factory.setVirtualHost(rabbit.determineVirtualHost());
        }
        factory.setConnectionNameStrategy(f -> "parley-realtime");
        return factory;
    }

    @Bean
    FanoutExchange parleyLiveExchange(@Value("${parley.realtime.rabbitmq.exchange:parley.live}") String name) {
        return new FanoutExchange(name, true, false);
    }

    /** This node's queue: server-named, exclusive, deleted when the node goes. */
    @Bean
    Queue parleyNodeQueue() {
        return new AnonymousQueue();
    }

    @Bean
    Binding parleyNodeBinding(Queue parleyNodeQueue, FanoutExchange parleyLiveExchange) {
        return BindingBuilder.bind(parleyNodeQueue).to(parleyLiveExchange);
    }

    @Bean
    RabbitAdmin parleyRabbitAdmin(CachingConnectionFactory parleyRabbitConnectionFactory) {
        return new RabbitAdmin(parleyRabbitConnectionFactory);
    }

    @Bean
    RabbitTemplate parleyRabbitTemplate(CachingConnectionFactory parleyRabbitConnectionFactory, LiveBus bus,
            FanoutExchange parleyLiveExchange, JsonMapper json, PresenceRegistry presence) {
        RabbitTemplate template = new RabbitTemplate(parleyRabbitConnectionFactory);
        String exchange = parleyLiveExchange.getName();
        bus.addRelay(event -> send(template, exchange, json.writeValueAsBytes(event), event.node(), null));
        bus.addNotificationRelay(notification -> send(template, exchange, json.writeValueAsBytes(notification),
                bus.node(), NOTIFICATION));
        presence.addRelay(screen -> send(template, exchange, json.writeValueAsBytes(screen), screen.node(), PRESENCE));
        return template;
    }

    /** One JSON message on the fanout exchange, marked with the sending node and its kind (null: a live event). */
    private static void send(RabbitTemplate template, String exchange, byte[] json, String node, String kind) {
        MessageProperties properties = new MessageProperties();
        properties.setContentType(MessageProperties.CONTENT_TYPE_JSON);
        properties.setHeader("parley-node", node);
        if (kind != null) {
            properties.setHeader("parley-kind", kind);
        }
        template.send(exchange, "", new Message(json, properties));
    }

    @Bean
    SimpleMessageListenerContainer parleyNodeListener(CachingConnectionFactory parleyRabbitConnectionFactory,
            Queue parleyNodeQueue, LiveBus bus, JsonMapper json, RabbitAdmin parleyRabbitAdmin,
            NotificationCenter notifications, PresenceRegistry presence) {
        SimpleMessageListenerContainer container = new SimpleMessageListenerContainer(parleyRabbitConnectionFactory);
        container.setQueues(parleyNodeQueue);
        container.setAmqpAdmin(parleyRabbitAdmin);
        container.setMissingQueuesFatal(false);
        container.setMessageListener(message -> {
            try {
                if (NOTIFICATION.equals(message.getMessageProperties().getHeader("parley-kind"))) {
                    if (!bus.node().equals(message.getMessageProperties().getHeader("parley-node"))) {
                        notifications.deliverLocally(org.parley.conversation.ConversationAccess.Viewer.SYSTEM, json.readValue(message.getBody(), NotificationView.class));
                    }
                    return;
                }
                if (PRESENCE.equals(message.getMessageProperties().getHeader("parley-kind"))) {
                    presence.heard(json.readValue(message.getBody(), PresenceRegistry.ScreenPresence.class));
                    return;
                }
                LiveEvent event = json.readValue(message.getBody(), LiveEvent.class);
                if (!bus.node().equals(event.node())) {
                    bus.deliverLocally(event);
                }
            } catch (RuntimeException e) {
                log.warn("Dropped an unreadable live event from RabbitMQ: {}", e.toString());
            }
        });
        return container;
    }
}
