package org.parley.channel.social;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import org.springframework.util.unit.DataSize;

/** Reads a webhook's raw body (the signature covers the bytes as sent), refusing bodies over a limit. */
public final class WebhookRequest {

    private WebhookRequest() {
    }

    /**
     * The raw body.
     *
     * @throws WebhookRejection 413 when the body is larger than {@code limit}
     */
    public static byte[] rawBody(HttpServletRequest request, DataSize limit) throws IOException {
        long max = limit.toBytes();
        long declared = request.getContentLengthLong();
        if (declared > max) {
            throw new WebhookRejection(413, "body of " + declared + " bytes is over the limit of " + max);
        }
        try (InputStream in = request.getInputStream()) {
            byte[] body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, max + 1));
            if (body.length > max) {
                throw new WebhookRejection(413, "body is over the limit of " + max + " bytes");
            }
            return body;
        }
    }
}
