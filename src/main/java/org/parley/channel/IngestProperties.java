package org.parley.channel;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Group commit of inbound messages ({@code parley.ingest.*}).
 *
 * @param lanes parallel writers; one sender always goes to the same lane, so two messages of a new customer
 *        never race for the customer's identity
 * @param batchSize most messages committed together
 * @param queueCapacity messages waiting per lane; beyond it new messages are refused with 503 at once
 * @param maxWait longest a caller waits for its message to be durable before it is answered 503 (the message
 *        may still be stored then: a retry with the same external id is answered as a duplicate)
 */
@ConfigurationProperties("parley.ingest")
public record IngestProperties(Integer lanes, Integer batchSize, Integer queueCapacity, Duration maxWait) {

    public IngestProperties {
        lanes = lanes == null ? 4 : lanes;
        batchSize = batchSize == null ? 64 : batchSize;
        queueCapacity = queueCapacity == null ? 256 : queueCapacity;
        maxWait = maxWait == null ? Duration.ofSeconds(10) : maxWait;
        if (lanes < 1 || batchSize < 1 || queueCapacity < 1) {
            throw new IllegalArgumentException("parley.ingest.lanes, batch-size and queue-capacity must be positive");
        }
    }
}
