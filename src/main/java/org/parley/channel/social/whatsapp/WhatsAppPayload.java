package org.parley.channel.social.whatsapp;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.parley.channel.social.Json;
import org.parley.channel.social.WebhookRejection;
import tools.jackson.databind.JsonNode;

/**
 * Reads the WhatsApp Cloud API's webhook payloads ({@code object: whatsapp_business_account}):
 * {@code entry[].changes[].value.messages[]} become customer messages (text, media to download, and a
 * readable line for locations, contacts, button answers), {@code value.statuses[]} delivery reports of
 * Parley's replies. Values for phone number ids Parley does not answer for are left out.
 */
final class WhatsAppPayload {

    static final String OBJECT = "whatsapp_business_account";

    /** The types whose content is a file to fetch from the Graph API. */
    static final Set<String> MEDIA = Set.of("image", "document", "audio", "video", "sticker");

    /** What one payload holds. */
    record Parsed(List<Incoming> messages, List<Status> statuses, List<String> ignoredNumbers, List<String> skipped) {
    }

    /** A customer's message; {@code media} when it carries a file. */
    record Incoming(String phoneNumberId, String wamid, String from, String name, Instant at, String type, String text,
            String inReplyTo, Media media) {
    }

    /** A file of a message, known by its media id until it is downloaded. */
    record Media(String id, String kind, String mimeType, String fileName, boolean voice) {
    }

    /** What WhatsApp says became of a message Parley sent: sent, delivered, read or failed (with why). */
    record Status(String phoneNumberId, String wamid, String status, String error) {
    }

    private WhatsAppPayload() {
    }

    static Parsed parse(JsonNode root, Predicate<String> answersFor) {
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
        List<Incoming> messages = new ArrayList<>();
        List<Status> statuses = new ArrayList<>();
        List<String> ignored = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        if (!OBJECT.equals(object)) {
            skipped.add("object '" + object + "' is not a WhatsApp Business Account subscription");
            return new Parsed(messages, statuses, ignored, skipped);
        }
        for (JsonNode entry : entries) {
            JsonNode changes = entry.path("changes");
            if (!changes.isArray()) {
                throw new WebhookRejection(400, "an entry has no 'changes' array");
            }
            for (JsonNode change : changes) {
                String field = Json.text(change, "field");
                JsonNode value = change.path("value");
                if (field != null && !"messages".equals(field)) {
                    skipped.add("field '" + field + "'");
                    continue;
                }
                if (!value.isObject()) {
                    throw new WebhookRejection(400, "a change has no 'value' object");
                }
                String number = Json.text(value.path("metadata"), "phone_number_id");
                if (number == null) {
                    throw new WebhookRejection(400, "a change has no 'value.metadata.phone_number_id'");
                }
                if (!answersFor.test(number)) {
                    ignored.add(number);
                    continue;
                }
                Map<String, String> names = new HashMap<>();
                for (JsonNode contact : value.path("contacts")) {
                    String waId = Json.text(contact, "wa_id");
                    String name = Json.text(contact.path("profile"), "name");
                    if (waId != null && name != null) {
                        names.put(waId, name);
                    }
                }
                for (JsonNode message : value.path("messages")) {
                    Incoming in = message(number, message, names, skipped);
                    if (in != null) {
                        messages.add(in);
                    }
                }
                for (JsonNode status : value.path("statuses")) {
                    String wamid = Json.text(status, "id");
                    String state = Json.text(status, "status");
                    if (wamid == null || state == null) {
                        skipped.add("a status without id or status");
                        continue;
                    }
                    statuses.add(new Status(number, wamid, state, error(status.path("errors"))));
                }
            }
        }
        return new Parsed(messages, statuses, ignored, skipped);
    }

    private static Incoming message(String number, JsonNode m, Map<String, String> names, List<String> skipped) {
        String from = Json.text(m, "from");
        String wamid = Json.text(m, "id");
        String type = Json.text(m, "type");
        if (from == null || wamid == null || type == null) {
            skipped.add("a message without from, id or type");
            return null;
        }
        Instant at = Json.epoch(m, "timestamp");
        String inReplyTo = Json.text(m.path("context"), "id");
        String name = names.get(from);
        if (MEDIA.contains(type)) {
            JsonNode media = m.path(type);
            String id = Json.text(media, "id");
            String caption = Json.text(media, "caption");
            String fileName = Json.text(media, "filename");
            Media file = id == null ? null
                    : new Media(id, type, Json.text(media, "mime_type"), fileName, Json.bool(media, "voice"));
            return new Incoming(number, wamid, from, name, at, type, caption, inReplyTo, file);
        }
        String text = switch (type) {
            case "text" -> Json.text(m.path("text"), "body");
            case "button" -> Json.text(m.path("button"), "text");
            case "interactive" -> interactive(m.path("interactive"));
            case "location" -> location(m.path("location"));
            case "contacts" -> contacts(m.path("contacts"));
            case "system" -> Json.text(m.path("system"), "body");
            case "reaction" -> null;
            default -> "[A WhatsApp message of type '" + type + "' that Parley cannot show]";
        };
        if ("reaction".equals(type)) {
            skipped.add("a reaction");
            return null;
        }
        if (text == null) {
            text = "[An empty WhatsApp " + type + " message]";
        }
        return new Incoming(number, wamid, from, name, at, type, text, inReplyTo, null);
    }

    private static String interactive(JsonNode interactive) {
        String title = Json.text(interactive.path("button_reply"), "title");
        if (title == null) {
            title = Json.text(interactive.path("list_reply"), "title");
        }
        return title == null ? null : "Chose: " + title;
    }

    private static String location(JsonNode location) {
        String lat = Json.text(location, "latitude");
        String lon = Json.text(location, "longitude");
        StringBuilder s = new StringBuilder("Location");
        String name = Json.text(location, "name");
        String address = Json.text(location, "address");
        if (name != null) {
            s.append(": ").append(name);
        }
        if (address != null) {
            s.append(name == null ? ": " : ", ").append(address);
        }
        if (lat != null && lon != null) {
            s.append(" (").append(lat).append(", ").append(lon).append(')');
        }
        return s.toString();
    }

    private static String contacts(JsonNode contacts) {
        List<String> shared = new ArrayList<>();
        for (JsonNode c : contacts) {
            String name = Json.text(c.path("name"), "formatted_name");
            List<String> phones = new ArrayList<>();
            for (JsonNode p : c.path("phones")) {
                String phone = Json.text(p, "phone");
                if (phone != null) {
                    phones.add(phone);
                }
            }
            shared.add((name == null ? "(no name)" : name) + (phones.isEmpty() ? "" : " " + String.join(", ", phones)));
        }
        return shared.isEmpty() ? null : "Shared contact: " + String.join("; ", shared);
    }

    private static String error(JsonNode errors) {
        if (!errors.isArray() || errors.isEmpty()) {
            return null;
        }
        JsonNode e = errors.get(0);
        String title = Json.text(e, "title");
        String message = Json.text(e, "message");
        String details = Json.text(e.path("error_data"), "details");
        String code = Json.text(e, "code");
        StringBuilder s = new StringBuilder(title != null ? title : message != null ? message : "failed");
        if (details != null) {
            s.append(": ").append(details);
        }
        if (code != null) {
            s.append(" (code ").append(code).append(')');
        }
        return s.toString();
    }
}
