package org.parley.privacy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.parley.audit.AuditTrail;
import org.parley.conversation.ConversationService;
import org.parley.conversation.ConversationView;
import org.parley.conversation.MessageView;
import org.parley.customer.CustomerDirectory;
import org.parley.customer.CustomerProfile;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The answer to a data-access request: everything Parley holds about one customer as a ZIP of JSON files
 * (profile with identities and attributes; every conversation with every message, notes included).
 */
@Service
public class CustomerDataExport {

    private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private final CustomerDirectory customers;
    private final ConversationService conversations;
    private final AuditTrail audit;

    CustomerDataExport(CustomerDirectory customers, ConversationService conversations, AuditTrail audit) {
        this.customers = customers;
        this.conversations = conversations;
        this.audit = audit;
    }

    /** The file name a download of this customer's export should get. */
    public String fileName(UUID customerId) {
        return "parley-customer-" + customers.survivorOf(customerId) + ".zip";
    }

    /** Writes the ZIP and records the export in the audit trail. */
    @Transactional
    public void writeZip(UUID customerId, OutputStream out) throws IOException {
        CustomerProfile customer = customers.get(customerId);
        List<Map<String, Object>> exported = new ArrayList<>();
        int messageCount = 0;
        for (ConversationView c : conversations.conversationsOf(customer.id())) {
            List<MessageView> messages = conversations.messages(c.id());
            messageCount += messages.size();
            Map<String, Object> conversation = new LinkedHashMap<>();
            conversation.put("id", c.id());
            conversation.put("channel", c.channel());
            conversation.put("subject", c.subject());
            conversation.put("status", c.status());
            conversation.put("createdAt", c.createdAt());
            conversation.put("lastActivityAt", c.lastActivityAt());
            conversation.put("resolvedAt", c.resolvedAt());
            conversation.put("messages", messages.stream().map(CustomerDataExport::message).toList());
            exported.add(conversation);
        }
        Map<String, Object> manifest = new LinkedHashMap<>();
        manifest.put("customerId", customer.id());
        manifest.put("exportedAt", Instant.now());
        manifest.put("conversations", exported.size());
        manifest.put("messages", messageCount);
        manifest.put("files", List.of("customer.json", "conversations.json"));

        ZipOutputStream zip = new ZipOutputStream(out, StandardCharsets.UTF_8);
        put(zip, "manifest.json", manifest);
        put(zip, "customer.json", customer);
        put(zip, "conversations.json", exported);
        zip.finish();
        zip.flush();
        audit.record("customer.exported", "customer", customer.id(),
                exported.size() + " conversations, " + messageCount + " messages");
    }

    private static Map<String, Object> message(MessageView m) {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("id", m.id());
        message.put("direction", m.direction());
        message.put("channel", m.channel());
        message.put("author", m.authorName());
        message.put("subject", m.subject());
        message.put("text", m.text());
        message.put("html", m.html());
        message.put("occurredAt", m.occurredAt());
        message.put("deliveryStatus", m.deliveryStatus());
        return message;
    }

    private static void put(ZipOutputStream zip, String name, Object content) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(JSON.writeValueAsBytes(content));
        zip.closeEntry();
    }
}
