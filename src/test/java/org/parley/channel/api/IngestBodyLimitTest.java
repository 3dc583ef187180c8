package org.parley.channel.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.parley.support.ApiClient;
import org.parley.support.ParleySpringTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * {@code POST /api/v1/inbound} and the phone events answer 413 for bodies over {@code parley.api.max-body-size}
 * (1MB by default) without reading them: a declared 100 MB body is refused before the client has sent much of
 * it, and a body without a length is read only up to the limit.
 */
@ParleySpringTest
class IngestBodyLimitTest {

    static final long HUNDRED_MB = 100L * 1024 * 1024;

    @LocalServerPort
    int port;

    final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aDeclaredHugeBodyIs413BeforeItIsRead() throws Exception {
        for (String path : new String[] {"/api/v1/inbound", "/api/v1/channels/phone/events"}) {
            AtomicLong sent = new AtomicLong();
            HttpResponse<String> r = send(path, HttpRequest.BodyPublishers.fromPublisher(endless(sent, HUNDRED_MB),
                    HUNDRED_MB));
            if (r != null) {
                assertThat(r.statusCode()).as(path).isEqualTo(413);
                assertThat(new ApiClient.Response(413, r.body()).text("error")).contains("parley.api.max-body-size");
            }
            assertThat(sent.get()).as("bytes the client got to send of 100 MB to " + path)
                    .isLessThan(20L * 1024 * 1024);
        }
    }

    @Test
    void aBodyWithoutALengthIsReadOnlyUpToTheLimit() throws Exception {
        AtomicLong sent = new AtomicLong();
        HttpResponse<String> r = send("/api/v1/inbound",
                HttpRequest.BodyPublishers.fromPublisher(endless(sent, HUNDRED_MB)));
        if (r != null) {
            assertThat(r.statusCode()).isEqualTo(413);
        }
        assertThat(sent.get()).isLessThan(20L * 1024 * 1024);
    }

    @Test
    void aBodyUnderTheLimitStillReachesTheApi() throws Exception {
        HttpResponse<String> r = send("/api/v1/inbound", HttpRequest.BodyPublishers.ofString("{\"channel\": \"EMAIL\"}"));
        assertThat(r.statusCode()).isEqualTo(400); // read and validated: the rest of the message is missing
        assertThat(r.body()).contains("error");
    }

    /** The answer, or null when the server closed the connection while the client was still sending. */
    private HttpResponse<String> send(String path, HttpRequest.BodyPublisher body) throws Exception {
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .header("Authorization", "Bearer " + ParleySpringTest.TOKEN)
                    .header("Content-Type", "application/json").POST(body).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException closedWhileSending) {
            return null;
        }
    }

    /** {@code {xxxx…} of the given size, produced only as fast as the client sends it, counted. */
    private static Flow.Publisher<ByteBuffer> endless(AtomicLong sent, long size) {
        byte[] chunk = new byte[64 * 1024];
        java.util.Arrays.fill(chunk, (byte) 'x');
        chunk[0] = '{';
        return subscriber -> subscriber.onSubscribe(new Flow.Subscription() {
            private volatile boolean cancelled;

            @Override
            public synchronized void request(long n) {
                for (long i = 0; i < n && !cancelled; i++) {
                    if (sent.get() >= size) {
                        subscriber.onComplete();
                        return;
                    }
                    sent.addAndGet(chunk.length);
                    subscriber.onNext(ByteBuffer.wrap(chunk));
                }
            }

            @Override
            public void cancel() {
                cancelled = true;
            }
        });
    }
}
