package org.parley.channel.social;

/** A webhook request refused at the edge, with the HTTP status to answer and the reason to log. */
public class WebhookRejection extends RuntimeException {

    private final int status;

    public WebhookRejection(int status, String reason) {
        super(reason);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
