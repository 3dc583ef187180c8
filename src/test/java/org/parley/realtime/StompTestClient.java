package org.parley.realtime;

import java.lang.reflect.Type;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.springframework.messaging.converter.ByteArrayMessageConverter;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompFrameHandler;
import org.springframework.messaging.simp.stomp.StompHeaders;
import org.springframework.messaging.simp.stomp.StompSession;
import org.springframework.messaging.simp.stomp.StompSessionHandlerAdapter;
import org.springframework.web.socket.WebSocketHttpHeaders;
import org.springframework.web.socket.client.standard.StandardWebSocketClient;
import org.springframework.web.socket.messaging.WebSocketStompClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A STOMP client as a wallboard would use one: Spring's WebSocketStompClient over a plain WebSocket. */
public class StompTestClient implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** Where the token goes. */
    public enum TokenIn {
        HANDSHAKE, CONNECT_FRAME
    }

    private final WebSocketStompClient client = new WebSocketStompClient(patientClient());
    private final List<JsonNode> received = new CopyOnWriteArrayList<>();
    private final List<String> errors = new CopyOnWriteArrayList<>();
    private final StompSession session;

    /** Tomcat's client gives a handshake 5 s; a node's first request on a busy CI machine can take longer. */
    private static StandardWebSocketClient patientClient() {
        StandardWebSocketClient webSocket = new StandardWebSocketClient();
        webSocket.getUserProperties().put("org.apache.tomcat.websocket.IO_TIMEOUT_MS", "30000");
        return webSocket;
    }

    public StompTestClient(int port, String token, TokenIn tokenIn) throws Exception {
        // raw bytes whatever the content type (the events are application/json): parsed here
        client.setMessageConverter(new ByteArrayMessageConverter() {
            @Override
            protected boolean supportsMimeType(org.springframework.messaging.MessageHeaders headers) {
                return true;
            }
        });
        WebSocketHttpHeaders handshake = new WebSocketHttpHeaders();
        StompHeaders connect = new StompHeaders();
        if (token != null) {
            if (tokenIn == TokenIn.HANDSHAKE) {
                handshake.add("Authorization", "Bearer " + token);
            } else {
                connect.add("Authorization", "Bearer " + token);
            }
        }
        CompletableFuture<StompSession> connected = client.connectAsync("ws://127.0.0.1:" + port + "/ws", handshake,
                connect, new StompSessionHandlerAdapter() {
                    @Override
                    public void handleFrame(StompHeaders headers, Object payload) {
                        errors.add(headers.getFirst("message"));
                    }

                    @Override
                    public void handleException(StompSession s, StompCommand command, StompHeaders headers,
                            byte[] payload, Throwable exception) {
                        errors.add(exception.toString());
                    }

                    @Override
                    public void handleTransportError(StompSession s, Throwable exception) {
                        errors.add(exception.toString());
                    }
                });
        session = connected.get(40, TimeUnit.SECONDS);
    }

    public StompTestClient subscribe(String destination) {
        session.subscribe(destination, new StompFrameHandler() {
            @Override
            public Type getPayloadType(StompHeaders headers) {
                return byte[].class;
            }

            @Override
            public void handleFrame(StompHeaders headers, Object payload) {
                JsonNode event = JSON.readTree((byte[]) payload);
                // remembered with the event, for tests that care where it came in
                ((tools.jackson.databind.node.ObjectNode) event).put("_destination", headers.getDestination());
                received.add(event);
            }
        });
        return this;
    }

    public List<JsonNode> received() {
        return List.copyOf(received);
    }

    public List<String> errors() {
        return List.copyOf(errors);
    }

    public boolean isConnected() {
        return session.isConnected();
    }

    /** Waits (up to 15 s) for an event that matches, and returns it. */
    public JsonNode await(Predicate<JsonNode> match) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(15));
        while (Instant.now().isBefore(deadline)) {
            for (JsonNode e : received) {
                if (match.test(e)) {
                    return e;
                }
            }
            sleep();
        }
        throw new AssertionError("no matching STOMP event arrived; received " + received + ", errors " + errors);
    }

    /** Waits (up to 15 s) until the session was closed with an error. */
    public void awaitError() {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(15));
        while (Instant.now().isBefore(deadline) && errors.isEmpty()) {
            sleep();
        }
        if (errors.isEmpty()) {
            throw new AssertionError("no error arrived");
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    @Override
    public void close() {
        if (session.isConnected()) {
            try {
                session.disconnect();
            } catch (org.springframework.messaging.MessageDeliveryException e) {
                // the server closed the connection between the check and the DISCONNECT frame (after an ERROR)
            }
        }
        client.stop();
    }
}
