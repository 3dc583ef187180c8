package org.parley.channel.social.x;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.parley.base.Channel;
import org.parley.channel.InboundMessage;
import org.parley.channel.social.Json;
import org.parley.channel.social.SocialNetwork;
import org.parley.channel.social.WebhookEvent;
import org.parley.channel.social.WebhookRejection;
import tools.jackson.databind.JsonNode;

/**
 * Reads X webhook payloads in both shapes: the Account Activity API ({@code for_user_id},
 * {@code tweet_create_events}, {@code direct_message_events} of type {@code message_create}, {@code users})
 * and its successor, the X Activity API ({@code data{filter.user_id, event_type, payload, includes}} with
 * {@code post.mention.create}, {@code post.reply.create}, {@code dm.received}). The connected account's own
 * posts and DMs are left out.
 */
final class XPayload {

    record Parsed(List<WebhookEvent> events, List<String> ignoredAccounts, List<String> skipped) {
    }

    interface Connections {
        boolean isConnected(String userId);
    }

    private XPayload() {
    }

    static Parsed parse(JsonNode root, Connections connections) {
        if (root == null || !root.isObject()) {
            throw new WebhookRejection(400, "payload is not a JSON object");
        }
        List<WebhookEvent> events = new ArrayList<>();
        List<String> ignored = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        if (root.has("data") && root.get("data").isObject()) {
            activity(root.get("data"), connections, events, ignored, skipped);
            return new Parsed(events, ignored, skipped);
        }
        String forUser = Json.text(root, "for_user_id");
        if (forUser == null) {
            throw new WebhookRejection(400, "payload has neither 'for_user_id' nor 'data'");
        }
        if (!connections.isConnected(forUser)) {
            ignored.add(forUser);
            return new Parsed(events, ignored, skipped);
        }
        for (JsonNode tweet : root.path("tweet_create_events")) {
            tweet(forUser, tweet, events, skipped);
        }
        Map<String, JsonNode> users = new HashMap<>();
        root.path("users").properties().forEach(e -> users.put(e.getKey(), e.getValue()));
        for (JsonNode dm : root.path("direct_message_events")) {
            directMessage(forUser, dm, users, events, skipped);
        }
        if (events.isEmpty() && skipped.isEmpty()) {
            skipped.add("no tweet or direct message events (" + String.join(",", root.propertyNames()) + ")");
        }
        return new Parsed(events, ignored, skipped);
    }

    private static void tweet(String forUser, JsonNode tweet, List<WebhookEvent> events, List<String> skipped) {
        JsonNode user = tweet.path("user");
        String authorId = Json.text(user, "id_str");
        String id = Json.text(tweet, "id_str");
        if (forUser.equals(authorId)) {
            skipped.add("the account's own post " + id);
            return;
        }
        if (tweet.has("retweeted_status")) {
            skipped.add("retweet " + id);
            return;
        }
        String handle = Json.text(user, "screen_name");
        if (id == null || handle == null) {
            skipped.add("post without id_str or user.screen_name");
            return;
        }
        String text = Json.text(tweet.path("extended_tweet"), "full_text");
        if (text == null) {
            text = Json.text(tweet, "full_text");
        }
        if (text == null) {
            text = Json.text(tweet, "text");
        }
        java.time.Instant at = Json.epoch(tweet, "timestamp_ms");
        if (at == null) {
            at = createdAt(Json.text(tweet, "created_at"));
        }
        events.add(new WebhookEvent(SocialNetwork.X, forUser, new InboundMessage(Channel.X, id,
                new InboundMessage.Sender(Channel.X, handle, Json.text(user, "name")), null, text, null,
                Json.text(tweet, "in_reply_to_status_id_str"), List.of(), null, at, forUser)));
    }

    private static void directMessage(String forUser, JsonNode dm, Map<String, JsonNode> users,
            List<WebhookEvent> events, List<String> skipped) {
        String id = Json.text(dm, "id");
        if (!"message_create".equals(Json.text(dm, "type"))) {
            skipped.add("direct message event of type " + Json.text(dm, "type"));
            return;
        }
        JsonNode create = dm.path("message_create");
        String sender = Json.text(create, "sender_id");
        if (sender == null || id == null) {
            skipped.add("direct message without id or sender_id");
            return;
        }
        if (forUser.equals(sender)) {
            skipped.add("the account's own direct message " + id);
            return;
        }
        JsonNode user = users.get(sender);
        String handle = user == null ? null : Json.text(user, "screen_name");
        events.add(new WebhookEvent(SocialNetwork.X, forUser, new InboundMessage(Channel.X, id,
                new InboundMessage.Sender(Channel.X, handle == null ? sender : handle,
                        user == null ? null : Json.text(user, "name")),
                null, Json.text(create.path("message_data"), "text"), null, null, List.of(),
                Channel.DIRECT_MESSAGE_THREAD_PREFIX + sender, Json.epoch(dm, "created_timestamp"), forUser)));
    }

    private static void activity(JsonNode data, Connections connections, List<WebhookEvent> events,
            List<String> ignored, List<String> skipped) {
        String forUser = Json.text(data.path("filter"), "user_id");
        String type = Json.text(data, "event_type");
        if (forUser == null || type == null) {
            throw new WebhookRejection(400, "data has no filter.user_id or event_type");
        }
        if (!connections.isConnected(forUser)) {
            ignored.add(forUser);
            return;
        }
        JsonNode payload = data.path("payload");
        Map<String, JsonNode> users = new HashMap<>();
        for (JsonNode u : data.path("includes").path("users")) {
            String uid = Json.text(u, "id");
            if (uid != null) {
                users.put(uid, u);
            }
        }
        String id = Json.text(payload, "id");
        switch (type) {
            case "post.mention.create", "post.reply.create", "post.quote.create" -> {
                String author = Json.text(payload, "author_id");
                if (author == null || id == null || forUser.equals(author)) {
                    skipped.add(type + " without author/id or by the account itself");
                    return;
                }
                JsonNode user = users.get(author);
                String handle = user == null ? null : Json.text(user, "username");
                String inReplyTo = null;
                for (JsonNode ref : payload.path("referenced_tweets")) {
                    if ("replied_to".equals(Json.text(ref, "type"))) {
                        inReplyTo = Json.text(ref, "id");
                    }
                }
                events.add(new WebhookEvent(SocialNetwork.X, forUser, new InboundMessage(Channel.X, id,
                        new InboundMessage.Sender(Channel.X, handle == null ? author : handle,
                                user == null ? null : Json.text(user, "name")),
                        null, Json.text(payload, "text"), null, inReplyTo, List.of(), null,
                        Json.epoch(payload, "created_at"), forUser)));
            }
            case "dm.received" -> {
                String sender = Json.text(payload, "sender_id");
                if (sender == null || id == null || forUser.equals(sender)) {
                    skipped.add("dm.received without sender_id/id or from the account itself");
                    return;
                }
                JsonNode user = users.get(sender);
                String handle = user == null ? null : Json.text(user, "username");
                events.add(new WebhookEvent(SocialNetwork.X, forUser, new InboundMessage(Channel.X, id,
                        new InboundMessage.Sender(Channel.X, handle == null ? sender : handle,
                                user == null ? null : Json.text(user, "name")),
                        null, Json.text(payload, "text"), null, null, List.of(),
                        Channel.DIRECT_MESSAGE_THREAD_PREFIX + sender, Json.epoch(payload, "created_at"), forUser)));
            }
            default -> skipped.add("event type " + type + " is not a message");
        }
    }

    private static java.time.Instant createdAt(String text) {
        if (text == null) {
            return null;
        }
        try {
            // "Wed Oct 10 20:19:24 +0000 2018"
            return java.time.ZonedDateTime.parse(text, java.time.format.DateTimeFormatter
                    .ofPattern("EEE MMM dd HH:mm:ss Z yyyy", java.util.Locale.ROOT)).toInstant();
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }
}
