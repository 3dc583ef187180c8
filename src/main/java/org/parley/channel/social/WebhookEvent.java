package org.parley.channel.social;

import org.parley.channel.InboundMessage;

/** One message found in a webhook payload, with the connected account it was addressed to. */
public record WebhookEvent(SocialNetwork network, String account, InboundMessage message) {
}
