package org.parley.privacy;

import org.parley.conversation.ConversationAccess.Viewer;
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
import org.parley.conversation.ConversationAccess;
import org.parley.conversation.ConversationService;
import org.parley.conversation.ConversationView;
import org.parley.conversation.MessageAttachments;
import org.parley.conversation.MessageAttachments.AttachmentView;
import org.parley.conversation.MessageView;
import org.parley.customer.CustomerDirectory;
import org.parley.customer.CustomerProfile;
import org.springframework.security.access.AccessDeniedException;
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
    private final MessageAttachments attachments;
    private final AuditTrail audit;
    private final ConversationAccess access;

    CustomerDataExport(CustomerDirectory customers, ConversationService conversations, MessageAttachments attachments,
            AuditTrail audit, ConversationAccess access) {
        this.access = access;
        this.attachments = attachments;
        this.customers = customers;
        this.conversations = conversations;
        this.audit = audit;
    }

    /** The file name a download of this customer's export should get. */
    public String fileName(UUID customerId) {
        return "parley-customer-" + customers.survivorOf(customerId) + ".zip";
    }

    /**
     * Writes the ZIP and records the export in the audit trail. The export is the customer's whole record,
     * every conversation of every team, so only a caller who sees every conversation may take it (the API
     * and the Data requests screen further limit it to ADMIN).
     */
    @Transactional
    public void writeZip(UUID customerId, OutputStream out) throws IOException {
        if (!access.currentViewer().seesAll()) {
            throw new AccessDeniedException("the customer data export covers every conversation: "
                    + "only SUPERVISOR or ADMIN may take it");
        }
        CustomerProfile customer = customers.get(customerId);
        List<Map<String, Object>> exported = new ArrayList<>();
        List<AttachmentView> files = new ArrayList<>();
        int messageCount = 0;
        for (ConversationView c : conversations.conversationsOf(Viewer.SYSTEM, customer.id())) {
            List<MessageView> messages = conversations.messages(Viewer.SYSTEM, c.id());
            messageCount += messages.size();
            Map<UUID, List<AttachmentView>> attached = attachments.of(messages.stream().map(MessageView::id).toList());
            attached.values().forEach(files::addAll);
            Map<String, Object> conversation = new LinkedHashMap<>();
            conversation.put("id", c.id());
            conversation.put("channel", c.channel());
            conversation.put("subject", c.subject());
            conversation.put("status", c.status());
            conversation.put("createdAt", c.createdAt());
            conversation.put("lastActivityAt", c.lastActivityAt());
            conversation.put("resolvedAt", c.resolvedAt());
            conversation.put("messages", messages.stream()
                    .map(m -> message(m, attached.getOrDefault(m.id(), List.of()))).toList());
            exported.add(conversation);
        }
        Map<String, Object> manifest = new LinkedHashMap<>();
        manifest.put("customerId", customer.id());
        manifest.put("exportedAt", Instant.now());
        manifest.put("conversations", exported.size());
        manifest.put("messages", messageCount);
        manifest.put("attachments", files.size());
        manifest.put("files", List.of("customer.json", "conversations.json", "attachments/"));

        ZipOutputStream zip = new ZipOutputStream(out, StandardCharsets.UTF_8);
        put(zip, "manifest.json", manifest);
        put(zip, "customer.json", customer);
        put(zip, "conversations.json", exported);
        for (AttachmentView file : files) {
            byte[] content = attachments.content(file.id()).orElse(null);
            if (content != null) {
                zip.putNextEntry(new ZipEntry(attachmentPath(file)));
                zip.write(content);
                zip.closeEntry();
            }
        }
        zip.finish();
        zip.flush();
        audit.record("customer.exported", "customer", customer.id(),
                exported.size() + " conversations, " + messageCount + " messages, " + files.size() + " attachments");
    }

    /** Where an attachment sits in the ZIP: under its id, so equal file names cannot collide. */
    static String attachmentPath(AttachmentView file) {
        String safeName = file.fileName().replaceAll("[\\\\/:*?\"<>|\\p{Cntrl}]", "_");
        return "attachments/" + file.id() + "/" + safeName;
    }

    private static Map<String, Object> message(MessageView m, List<AttachmentView> files) {
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
        message.put("attachments", files.stream().map(f -> Map.of("fileName", f.fileName(),
                "contentType", f.contentType(), "path", attachmentPath(f))).toList());
        return message;
    }

    private static void put(ZipOutputStream zip, String name, Object content) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(JSON.writeValueAsBytes(content));
        zip.closeEntry();
    }
}
