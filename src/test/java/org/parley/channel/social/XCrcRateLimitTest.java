package org.parley.channel.social;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.parley.support.ParleySpringTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/** X's CRC endpoint answers a client at most the configured number of times a minute, then 429. */
@ParleySpringTest
@TestPropertySource(properties = {
    "parley.channels.x.consumer-secret=x-consumer-secret",
    "parley.channels.x.crc-requests-per-minute=3"
})
class XCrcRateLimitTest {

    @LocalServerPort
    int port;

    @Test
    void crcRequestsBeyondTheLimitAre429() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            statuses.add(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                    + "/webhooks/x?crc_token=token" + i)).GET().build(), HttpResponse.BodyHandlers.ofString()).statusCode());
        }
        assertThat(statuses).containsExactly(200, 200, 200, 429, 429);
    }
}
