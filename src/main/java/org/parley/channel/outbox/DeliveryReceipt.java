package org.parley.channel.outbox;

/** What a provider answered for a sent message: its own id for it (e.g. an email Message-ID, a tweet id). */
public record DeliveryReceipt(String providerMessageId) {
}
