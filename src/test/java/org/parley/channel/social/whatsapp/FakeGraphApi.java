package org.parley.channel.social.whatsapp;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The parts of Meta's Graph API the WhatsApp channel calls, on loopback: media metadata
 * ({@code GET /v21.0/{media-id}}), the media download it names, and {@code POST /v21.0/{phone-number-id}/messages}.
 * Media ids registered with {@link #media} answer; any other media id answers 404.
 */
final class FakeGraphApi implements AutoCloseable {

    record Request(String method, String path, String authorization, String body) {
    }

    private final HttpServer server;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final Map<String, byte[]> files = new ConcurrentHashMap<>();
    private final Map<String, String> types = new ConcurrentHashMap<>();
    private final AtomicInteger sent = new AtomicInteger();

    FakeGraphApi() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v21.0";
    }

    FakeGraphApi media(String id, String mimeType, byte[] content) {
        files.put(id, content);
        types.put(id, mimeType);
        return this;
    }

    List<Request> requests() {
        return requests;
    }

    List<Request> requests(String method, String pathPart) {
        return requests.stream().filter(r -> r.method().equals(method) && r.path().contains(pathPart)).toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String path = exchange.getRequestURI().getPath();
        requests.add(new Request(exchange.getRequestMethod(), path,
                exchange.getRequestHeaders().getFirst("Authorization"), body));
        String base = "http://127.0.0.1:" + server.getAddress().getPort();
        if (exchange.getRequestMethod().equals("POST") && path.endsWith("/messages")) {
            String wamid = "wamid.OUT" + sent.incrementAndGet() + "x" + System.nanoTime();
            answer(exchange, 200, "application/json", ("{\"messaging_product\":\"whatsapp\",\"contacts\":[{\"input\":\"x\","
                    + "\"wa_id\":\"x\"}],\"messages\":[{\"id\":\"" + wamid + "\"}]}").getBytes(StandardCharsets.UTF_8));
            return;
        }
        if (path.startsWith("/download/")) {
            String id = path.substring("/download/".length());
            byte[] content = files.get(id);
            if (content == null) {
                answer(exchange, 404, "text/plain", "gone".getBytes(StandardCharsets.UTF_8));
            } else {
                answer(exchange, 200, types.get(id), content);
            }
            return;
        }
        if (path.startsWith("/v21.0/")) {
            String id = path.substring("/v21.0/".length());
            if (files.containsKey(id)) {
                answer(exchange, 200, "application/json", ("{\"messaging_product\":\"whatsapp\",\"url\":\"" + base
                        + "/download/" + id + "\",\"mime_type\":\"" + types.get(id) + "\",\"sha256\":\"abc\",\"file_size\":\""
                        + files.get(id).length + "\",\"id\":\"" + id + "\"}").getBytes(StandardCharsets.UTF_8));
                return;
            }
        }
        answer(exchange, 404, "application/json",
                "{\"error\":{\"message\":\"Unsupported get request\",\"type\":\"GraphMethodException\",\"code\":100}}"
                        .getBytes(StandardCharsets.UTF_8));
    }

    private static void answer(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", type);
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
