package org.parley.channel.social.meta;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.parley.base.Channel;
import org.parley.channel.InboundMessage;
import org.parley.channel.social.Json;
import org.parley.channel.social.SocialNetwork;
import org.parley.channel.social.WebhookEvent;
import org.parley.channel.social.WebhookRejection;
import tools.jackson.databind.JsonNode;

/**
 * Reads Meta's webhook payloads: Page feed comments and posts ({@code object: page},
 * {@code changes[].field = feed}), Page mentions, Messenger and Instagram direct messages
 * ({@code entry[].messaging[]}) and Instagram comments ({@code object: instagram}, field {@code comments}).
 * The page's own posts, comments and messages (echoes) are left out.
 */
final class MetaPayload {

    /** Thread keys of public comment threads: one per post. */
    static final String POST_THREAD_PREFIX = "post:";

    private static final Set<String> FEED_ITEMS = Set.of("comment", "post", "status", "photo", "video");

    /** What one payload holds: the messages of connected accounts and the accounts that are not connected. */
    record Parsed(List<WebhookEvent> events, List<String> ignoredAccounts, List<String> skipped) {
    }

    interface Connections {
        boolean isConnected(String accountId);
    }

    private MetaPayload() {
    }

    static Parsed parse(JsonNode root, Connections connections) {
        if (root == null || !root.isObject()) {
            throw new WebhookRejection(400, "payload is not a JSON object");
        }
        String object = Json.text(root, "object");
        if (object == null) {
            throw new WebhookRejection(400, "payload has no 'object'");
        }
        JsonNode entries = root.get("entry");
        if (entries == null || !entries.isArray()) {
            throw new WebhookRejection(400, "payload has no 'entry' array");
        }
        Channel channel = switch (object) {
            case "page" -> Channel.FACEBOOK;
            case "instagram" -> Channel.INSTAGRAM;
            default -> null;
        };
        List<WebhookEvent> events = new ArrayList<>();
        List<String> ignored = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        if (channel == null) {
            skipped.add("object '" + object + "' is not a Page or Instagram subscription");
            return new Parsed(events, ignored, skipped);
        }
        for (JsonNode entry : entries) {
            String account = Json.text(entry, "id");
            if (account == null) {
                throw new WebhookRejection(400, "an entry has no 'id'");
            }
            if (!connections.isConnected(account)) {
                ignored.add(account);
                continue;
            }
            Instant entryTime = Json.epoch(entry, "time");
            for (JsonNode messaging : entry.path("messaging")) {
                directMessage(channel, account, messaging, events, skipped);
            }
            for (JsonNode change : entry.path("changes")) {
                change(channel, account, change, entryTime, events, skipped);
            }
        }
        return new Parsed(events, ignored, skipped);
    }

    private static void directMessage(Channel channel, String account, JsonNode messaging, List<WebhookEvent> events,
            List<String> skipped) {
        JsonNode message = messaging.get("message");
        if (message == null || !message.isObject()) {
            skipped.add("messaging event without a message (delivery, read or postback)");
            return;
        }
        String sender = Json.text(messaging.path("sender"), "id");
        String mid = Json.text(message, "mid");
        if (Json.bool(message, "is_echo") || account.equals(sender)) {
            skipped.add("echo of the account's own message " + mid);
            return;
        }
        if (sender == null || mid == null) {
            skipped.add("message without sender.id or message.mid");
            return;
        }
        String text = Json.text(message, "text");
        if (text == null) {
            text = attachmentsText(message.path("attachments"));
        }
        JsonNode replyTo = message.path("reply_to");
        events.add(event(channel, account, new InboundMessage(channel, mid, new InboundMessage.Sender(channel, sender, null),
                null, text, null, Json.text(replyTo, "mid"), List.of(),
                Channel.DIRECT_MESSAGE_THREAD_PREFIX + sender, Json.epoch(messaging, "timestamp"), account)));
    }

    private static void change(Channel channel, String account, JsonNode change, Instant entryTime,
            List<WebhookEvent> events, List<String> skipped) {
        String field = Json.text(change, "field");
        JsonNode value = change.path("value");
        if (channel == Channel.FACEBOOK && "feed".equals(field)) {
            pageFeed(account, value, entryTime, events, skipped);
        } else if (channel == Channel.FACEBOOK && "mention".equals(field)) {
            pageMention(account, value, entryTime, events, skipped);
        } else if (channel == Channel.INSTAGRAM && ("comments".equals(field) || "live_comments".equals(field))) {
            instagramComment(account, value, entryTime, events, skipped);
        } else if (channel == Channel.INSTAGRAM && "mentions".equals(field)) {
            instagramMention(account, value, entryTime, events, skipped);
        } else {
            skipped.add("change field '" + field + "' is not a message");
        }
    }

    private static void pageFeed(String account, JsonNode value, Instant entryTime, List<WebhookEvent> events,
            List<String> skipped) {
        String item = Json.text(value, "item");
        String verb = Json.text(value, "verb");
        if (item == null || !FEED_ITEMS.contains(item) || !"add".equals(verb)) {
            skipped.add("feed change " + item + "/" + verb + " is not a new post or comment");
            return;
        }
        JsonNode from = value.path("from");
        String fromId = Json.text(from, "id");
        if (fromId == null || fromId.equals(account)) {
            skipped.add("feed " + item + " by the page itself or by no one");
            return;
        }
        String postId = Json.text(value, "post_id");
        String externalId = "comment".equals(item) ? Json.text(value, "comment_id") : postId;
        if (externalId == null || postId == null) {
            skipped.add("feed " + item + " without post_id/comment_id");
            return;
        }
        String text = Json.text(value, "message");
        if (text == null) {
            text = "(" + item + " without text)";
        }
        String parent = "comment".equals(item) ? Json.text(value, "parent_id") : null;
        Instant at = Json.epoch(value, "created_time");
        events.add(event(Channel.FACEBOOK, account, new InboundMessage(Channel.FACEBOOK, externalId,
                new InboundMessage.Sender(Channel.FACEBOOK, fromId, Json.text(from, "name")), null, text, null,
                parent, List.of(), POST_THREAD_PREFIX + postId, at == null ? entryTime : at, account)));
    }

    private static void pageMention(String account, JsonNode value, Instant entryTime, List<WebhookEvent> events,
            List<String> skipped) {
        if (!"add".equals(Json.text(value, "verb"))) {
            skipped.add("mention change that is not an addition");
            return;
        }
        String sender = Json.text(value, "sender_id");
        String postId = Json.text(value, "post_id");
        String item = Json.text(value, "item");
        String externalId = "comment".equals(item) ? Json.text(value, "comment_id") : postId;
        if (sender == null || postId == null || externalId == null || sender.equals(account)) {
            skipped.add("mention without sender_id/post_id or by the page itself");
            return;
        }
        String text = Json.text(value, "message");
        if (text == null) {
            text = "Mentioned the page in a " + (item == null ? "post" : item) + " (" + externalId + ")";
        }
        events.add(event(Channel.FACEBOOK, account, new InboundMessage(Channel.FACEBOOK, externalId,
                new InboundMessage.Sender(Channel.FACEBOOK, sender, Json.text(value, "sender_name")), null, text, null,
                null, List.of(), POST_THREAD_PREFIX + postId, entryTime, account)));
    }

    private static void instagramComment(String account, JsonNode value, Instant entryTime, List<WebhookEvent> events,
            List<String> skipped) {
        JsonNode from = value.path("from");
        String fromId = Json.text(from, "id");
        String commentId = Json.text(value, "id");
        String mediaId = Json.text(value.path("media"), "id");
        if (fromId == null || commentId == null || fromId.equals(account)) {
            skipped.add("Instagram comment without from.id/id or by the account itself");
            return;
        }
        String text = Json.text(value, "text");
        events.add(event(Channel.INSTAGRAM, account, new InboundMessage(Channel.INSTAGRAM, commentId,
                new InboundMessage.Sender(Channel.INSTAGRAM, fromId, Json.text(from, "username")), null,
                text == null ? "(comment without text)" : text, null, Json.text(value, "parent_id"), List.of(),
                mediaId == null ? null : POST_THREAD_PREFIX + mediaId, entryTime, account)));
    }

    private static void instagramMention(String account, JsonNode value, Instant entryTime, List<WebhookEvent> events,
            List<String> skipped) {
        // Meta's mentions notification names only media_id and comment_id; it carries a sender and text
        // only when the subscription asks for them (from / text): without a sender nobody can be answered
        JsonNode from = value.path("from");
        String fromId = Json.text(from, "id");
        String commentId = Json.text(value, "comment_id");
        String mediaId = Json.text(value, "media_id");
        if (fromId == null || (commentId == null && mediaId == null) || fromId.equals(account)) {
            skipped.add("Instagram mention without a sender (media " + mediaId + ", comment " + commentId + ")");
            return;
        }
        String text = Json.text(value, "text");
        events.add(event(Channel.INSTAGRAM, account, new InboundMessage(Channel.INSTAGRAM,
                commentId != null ? commentId : mediaId,
                new InboundMessage.Sender(Channel.INSTAGRAM, fromId, Json.text(from, "username")), null,
                text == null ? "Mentioned the account" : text, null, null, List.of(),
                mediaId == null ? null : POST_THREAD_PREFIX + mediaId, entryTime, account)));
    }

    private static String attachmentsText(JsonNode attachments) {
        List<String> parts = new ArrayList<>();
        for (JsonNode a : attachments) {
            String type = Json.text(a, "type");
            String url = Json.text(a.path("payload"), "url");
            parts.add("[" + (type == null ? "attachment" : type) + (url == null ? "" : ": " + url) + "]");
        }
        return parts.isEmpty() ? null : String.join(" ", parts);
    }

    private static WebhookEvent event(Channel channel, String account, InboundMessage message) {
        return new WebhookEvent(SocialNetwork.META, account, message);
    }
}
