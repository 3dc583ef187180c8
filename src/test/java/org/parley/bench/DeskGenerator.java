package org.parley.bench;

import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;
import javax.sql.DataSource;
import org.parley.base.Ids;

/**
 * Fills the database with a desk of a chosen size through batched JDBC (the speed the benchmarks need:
 * going through the services would take hours for a million conversations): customers with an email
 * identity, conversations spread over the last 60 days across channels and statuses, and optionally
 * messages.
 */
public class DeskGenerator {

    private static final String[] CHANNELS = {"EMAIL", "EMAIL", "EMAIL", "PHONE", "X", "FACEBOOK", "INSTAGRAM", "WHATSAPP"};
    private static final String[] STATUSES = {"OPEN", "OPEN", "OPEN", "PENDING", "RESOLVED", "RESOLVED", "CLOSED"};
    private static final int BATCH = 1000;

    private final DataSource dataSource;
    private final SplittableRandom random = new SplittableRandom(42);

    public DeskGenerator(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The generated rows: customer ids and conversation ids. */
    public record Desk(List<UUID> customers, long conversations) {
    }

    /** {@code customers} customers and {@code conversations} conversations (no messages), in batches. */
    public Desk generate(int customers, long conversations, String tag) throws SQLException {
        List<UUID> customerIds = new ArrayList<>(customers);
        Instant now = Instant.now();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement customer = c.prepareStatement(
                    "INSERT INTO customer (id, version, display_name, created_at, last_seen_at) VALUES (?, 0, ?, ?, ?)");
                    PreparedStatement identity = c.prepareStatement("INSERT INTO customer_identity"
                            + " (id, version, customer_id, identity_type, identity_value, display_value, created_at)"
                            + " VALUES (?, 0, ?, 'EMAIL', ?, ?, ?)")) {
                for (int i = 0; i < customers; i++) {
                    UUID id = Ids.newId();
                    customerIds.add(id);
                    customer.setBytes(1, bytes(id));
                    customer.setString(2, "Bench Customer " + tag + " " + i);
                    customer.setObject(3, utc(now.minus(90, ChronoUnit.DAYS)));
                    customer.setObject(4, utc(now));
                    customer.addBatch();
                    String email = "bench." + tag + "." + i + "@example.com";
                    identity.setBytes(1, bytes(Ids.newId()));
                    identity.setBytes(2, bytes(id));
                    identity.setString(3, email);
                    identity.setString(4, email);
                    identity.setObject(5, utc(now));
                    identity.addBatch();
                    if ((i + 1) % BATCH == 0) {
                        customer.executeBatch();
                        identity.executeBatch();
                        c.commit();
                    }
                }
                customer.executeBatch();
                identity.executeBatch();
                c.commit();
            }
            try (PreparedStatement conversation = c.prepareStatement("INSERT INTO conversation (id, version, customer_id,"
                    + " channel, subject, status, priority, snippet, message_count, created_at, last_activity_at,"
                    + " last_customer_message_at, first_response_at, resolved_at)"
                    + " VALUES (?, 0, ?, ?, ?, ?, 'NORMAL', ?, 2, ?, ?, ?, ?, ?)")) {
                for (long i = 0; i < conversations; i++) {
                    Instant created = now.minusSeconds(random.nextLong(60L * 24 * 3600));
                    Instant last = created.plusSeconds(random.nextLong(3 * 3600));
                    String status = STATUSES[random.nextInt(STATUSES.length)];
                    boolean settled = status.equals("RESOLVED") || status.equals("CLOSED");
                    conversation.setBytes(1, bytes(Ids.newId()));
                    conversation.setBytes(2, bytes(customerIds.get(random.nextInt(customerIds.size()))));
                    conversation.setString(3, CHANNELS[random.nextInt(CHANNELS.length)]);
                    conversation.setString(4, "Bench question " + i);
                    conversation.setString(5, status);
                    conversation.setString(6, "A question about order " + i);
                    conversation.setObject(7, utc(created));
                    conversation.setObject(8, utc(last));
                    conversation.setObject(9, utc(created));
                    conversation.setObject(10, utc(created.plusSeconds(600)));
                    conversation.setObject(11, settled ? utc(last) : null);
                    conversation.addBatch();
                    if ((i + 1) % BATCH == 0) {
                        conversation.executeBatch();
                        c.commit();
                    }
                }
                conversation.executeBatch();
                c.commit();
            }
        }
        return new Desk(customerIds, conversations);
    }

    /** One customer with {@code messages} messages in {@code conversations} conversations. */
    public UUID customerWithHistory(int conversations, int messages, String tag) throws SQLException {
        UUID customerId = generate(1, 0, tag + "history").customers().getFirst();
        Instant start = Instant.now().minus(400, ChronoUnit.DAYS);
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            List<UUID> conversationIds = new ArrayList<>();
            try (PreparedStatement conversation = c.prepareStatement("INSERT INTO conversation (id, version, customer_id,"
                    + " channel, subject, status, priority, snippet, message_count, created_at, last_activity_at)"
                    + " VALUES (?, 0, ?, 'EMAIL', ?, 'RESOLVED', 'NORMAL', 'history', ?, ?, ?)")) {
                for (int i = 0; i < conversations; i++) {
                    UUID id = Ids.newId();
                    conversationIds.add(id);
                    conversation.setBytes(1, bytes(id));
                    conversation.setBytes(2, bytes(customerId));
                    conversation.setString(3, "History " + i);
                    conversation.setInt(4, messages / conversations);
                    conversation.setObject(5, utc(start));
                    conversation.setObject(6, utc(start.plus(400, ChronoUnit.DAYS)));
                    conversation.addBatch();
                }
                conversation.executeBatch();
            }
            try (PreparedStatement message = c.prepareStatement("INSERT INTO message (id, version, conversation_id,"
                    + " customer_id, direction, channel, author_name, subject, text_body, external_id, occurred_at, created_at)"
                    + " VALUES (?, 0, ?, ?, ?, 'EMAIL', ?, ?, ?, ?, ?, ?)")) {
                for (int i = 0; i < messages; i++) {
                    Instant at = start.plus(i * 17L, ChronoUnit.MINUTES);
                    boolean inbound = i % 2 == 0;
                    message.setBytes(1, bytes(Ids.newId()));
                    message.setBytes(2, bytes(conversationIds.get(i * conversations / messages)));
                    message.setBytes(3, bytes(customerId));
                    message.setString(4, inbound ? "INBOUND" : "OUTBOUND");
                    message.setString(5, inbound ? "Bench Customer" : "Bench Agent");
                    message.setString(6, "History");
                    message.setString(7, "Message " + i + " of a long history. ".repeat(8));
                    message.setString(8, inbound ? "<history-" + tag + "-" + i + "@bench>" : null);
                    message.setObject(9, utc(at));
                    message.setObject(10, utc(at));
                    message.addBatch();
                    if ((i + 1) % BATCH == 0) {
                        message.executeBatch();
                    }
                }
                message.executeBatch();
            }
            c.commit();
        }
        return customerId;
    }

    static LocalDateTime utc(Instant instant) {
        return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    static byte[] bytes(UUID id) {
        return ByteBuffer.allocate(16).putLong(id.getMostSignificantBits()).putLong(id.getLeastSignificantBits()).array();
    }
}
