package org.parley.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Writes search documents straight into the table the search module keeps (as many as a big desk has messages),
 * with text drawn from a 5,000-word vocabulary in Zipf frequencies plus support words of known frequency, so that
 * the index and the queries over it can be measured at a million messages without ingesting them one by one.
 */
final class SearchDeskGenerator {

    /** Support words and the share of messages each appears in. */
    static final List<String> TOPICS = List.of("refund", "invoice", "password", "delivery", "kettle", "warranty");
    static final double[] TOPIC_SHARE = {0.05, 0.03, 0.02, 0.08, 0.001, 0.01};
    private static final String[] CHANNELS = {"EMAIL", "EMAIL", "EMAIL", "PHONE", "X", "FACEBOOK", "INSTAGRAM", "WHATSAPP"};
    private static final String[] STATUSES = {"OPEN", "OPEN", "PENDING", "RESOLVED", "RESOLVED", "CLOSED"};
    private static final String[] PRIORITIES = {"LOW", "NORMAL", "NORMAL", "NORMAL", "HIGH", "URGENT"};
    private static final int BATCH = 2000;

    private final DataSource dataSource;
    private final Random random = new Random(42);
    private final String[] vocabulary = new String[5000];
    private final double[] cumulative = new double[5000];

    SearchDeskGenerator(DataSource dataSource) {
        this.dataSource = dataSource;
        String letters = "abcdefghijklmnopqrstuvwxyz";
        double sum = 0;
        for (int i = 0; i < vocabulary.length; i++) {
            StringBuilder w = new StringBuilder();
            int n = i;
            do {
                w.append(letters.charAt(n % 26));
                n /= 26;
            } while (n > 0);
            vocabulary[i] = w.append("o").append(letters.charAt(i % 7)).toString();
            sum += 1.0 / (i + 1);
            cumulative[i] = sum;
        }
        for (int i = 0; i < cumulative.length; i++) {
            cumulative[i] /= sum;
        }
    }

    /** {@code messages} documents in {@code messages / 5} conversations, spread over {@code teams}. */
    void generate(long messages, List<UUID> teams, String tag) throws SQLException {
        String sql = "INSERT INTO search_document (id, conversation_id, customer_id, channel, direction, author_name,"
                + " subject, body, customer_name, identities, tags, status, priority, team_id, assignee_id,"
                + " has_attachment, sla_breached, occurred_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)";
        Instant start = Instant.now().minusSeconds(3L * 365 * 24 * 3600);
        long span = 3L * 365 * 24 * 3600;
        try (Connection c = dataSource.getConnection(); PreparedStatement insert = c.prepareStatement(sql)) {
            c.setAutoCommit(false);
            UUID conversation = null;
            UUID customer = null;
            String channel = null;
            String status = null;
            String priority = null;
            UUID team = null;
            String subject = null;
            String name = null;
            for (long i = 0; i < messages; i++) {
                if (i % 5 == 0) {
                    conversation = UUID.randomUUID();
                    customer = UUID.randomUUID();
                    channel = CHANNELS[random.nextInt(CHANNELS.length)];
                    status = STATUSES[random.nextInt(STATUSES.length)];
                    priority = PRIORITIES[random.nextInt(PRIORITIES.length)];
                    team = teams.isEmpty() || random.nextInt(5) == 0 ? null : teams.get(random.nextInt(teams.size()));
                    subject = text(5);
                    name = "Customer " + tag + " " + (i / 5);
                }
                insert.setBytes(1, DeskGenerator.bytes(UUID.randomUUID()));
                insert.setBytes(2, DeskGenerator.bytes(conversation));
                insert.setBytes(3, DeskGenerator.bytes(customer));
                insert.setString(4, channel);
                insert.setString(5, i % 5 == 0 ? "INBOUND" : random.nextBoolean() ? "OUTBOUND" : "INBOUND");
                insert.setString(6, name);
                insert.setString(7, subject);
                insert.setString(8, text(30 + random.nextInt(40)));
                insert.setString(9, name);
                insert.setString(10, "c" + (i / 5) + "-" + tag + "@example.com");
                insert.setString(11, random.nextInt(10) == 0 ? "vip" : "");
                insert.setString(12, status);
                insert.setString(13, priority);
                insert.setBytes(14, team == null ? null : DeskGenerator.bytes(team));
                insert.setBytes(15, null);
                insert.setBoolean(16, random.nextInt(20) == 0);
                insert.setBoolean(17, random.nextInt(25) == 0);
                insert.setTimestamp(18, Timestamp.valueOf(DeskGenerator.utc(start.plusSeconds(
                        (long) (random.nextDouble() * span)))));
                insert.addBatch();
                if ((i + 1) % BATCH == 0) {
                    insert.executeBatch();
                    c.commit();
                }
            }
            insert.executeBatch();
            c.commit();
        }
    }

    private String text(int words) {
        StringBuilder text = new StringBuilder();
        for (int t = 0; t < TOPICS.size(); t++) {
            if (random.nextDouble() < TOPIC_SHARE[t]) {
                text.append(TOPICS.get(t)).append(' ');
            }
        }
        for (int w = 0; w < words; w++) {
            double r = random.nextDouble();
            int lo = 0;
            int hi = cumulative.length - 1;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (cumulative[mid] < r) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            text.append(vocabulary[lo]).append(w % 12 == 11 ? ". " : " ");
        }
        return text.toString().strip();
    }
}
