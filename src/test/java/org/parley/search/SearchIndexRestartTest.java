package org.parley.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.ParleyApplication;
import org.parley.base.Channel;
import org.parley.base.events.SpineProgress;
import org.parley.channel.InboundMessage;
import org.parley.channel.IngestionService;
import org.parley.conversation.ConversationAccess.Viewer;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The embedded index lives on disk: a restarted node finds what it indexed before without rebuilding, and a node
 * whose index directory was deleted indexes the documents again by itself when it starts, and so does one whose index
 * an earlier version wrote with other field options.
 */
class SearchIndexRestartTest {

    @TempDir
    Path dir;

    private ConfigurableApplicationContext start(boolean indexOnStart) {
        return new SpringApplicationBuilder(ParleyApplication.class).run(
                // as in production (the tests elsewhere keep the default read-sync), and a commit only every ten minutes
                "--spring.jpa.properties.hibernate.search.indexing.plan.synchronization.strategy=write-sync",
                "--spring.jpa.properties.hibernate.search.backend.io.commit_interval=600000",
                "--spring.datasource.url=jdbc:h2:file:" + dir.resolve("db").toAbsolutePath() + "/parley",
                "--server.port=0",
                "--parley.demo.enabled=false",
                "--parley.channels.email.polling-enabled=false",
                "--spring.quartz.scheduler-name=parley-search-restart-test",
                "--spring.jpa.properties.hibernate.search.backend.directory.type=local-filesystem",
                "--spring.jpa.properties.hibernate.search.backend.directory.root=" + dir.resolve("index").toAbsolutePath(),
                "--parley.search.index-on-start=" + indexOnStart);
    }

    @Test
    void theIndexOutlivesARestartAndABrokenIndexIsRebuiltAtStart() throws Exception {
        String run = Long.toString(Math.abs(UUID.randomUUID().getMostSignificantBits()), 36);
        UUID conversationId;
        try (ConfigurableApplicationContext first = start(false)) {
            List<String> commitsBefore = commits();
            conversationId = first.getBean(IngestionService.class).ingest(new InboundMessage(Channel.EMAIL,
                    "restart-" + run, new InboundMessage.Sender(Channel.EMAIL, "r." + run + "@example.com", "Rita"),
                    "Restart " + run, "the waffle iron smokes " + run, null, null, List.of(), null, Instant.now()))
                    .conversationId();
            assertThat(first.getBean(SpineProgress.class).awaitApplied(SearchIndexer.NAME, Duration.ofSeconds(60)))
                    .isTrue();
            assertThat(found(first, run)).containsExactly(conversationId);
            assertThat(commits()).as("searchable at once, but the subscriber's batch forced no Lucene commit (fsync):"
                    + " the periodic commit and the one at shutdown write it").isEqualTo(commitsBefore);
        }

        try (ConfigurableApplicationContext second = start(false)) {
            assertThat(found(second, run)).as("found after a restart, nothing rebuilt").containsExactly(conversationId);
        }

        deleteRecursively(dir.resolve("index"));
        try (ConfigurableApplicationContext third = start(true)) {
            SearchIndexAdmin admin = third.getBean(SearchIndexAdmin.class);
            Instant deadline = Instant.now().plusSeconds(60);
            while (!admin.progress().phase().equals("DONE") && Instant.now().isBefore(deadline)) {
                Thread.sleep(50);
            }
            assertThat(found(third, run)).as("indexed again at start").containsExactly(conversationId);
        }
    }

    @Test
    void anIndexAnEarlierVersionWroteWithTermVectorsIsBuiltAgainAndTakesNewMessages() throws Exception {
        String run = Long.toString(Math.abs(UUID.randomUUID().getMostSignificantBits()), 36);
        UUID first;
        try (ConfigurableApplicationContext before = start(false)) {
            first = ingest(before, run, "the kettle whistles " + run);
        }
        // the messages index as an earlier version left it: as many documents as rows (so the count check sees
        // nothing wrong), the body stored with term vectors and offsets, which the mapping no longer writes
        Path messages = dir.resolve("index").resolve("messages");
        deleteRecursively(messages);
        FieldType withTermVectors = new FieldType();
        withTermVectors.setTokenized(true);
        withTermVectors.setStored(true);
        withTermVectors.setIndexOptions(IndexOptions.DOCS_AND_FREQS_AND_POSITIONS_AND_OFFSETS);
        withTermVectors.setStoreTermVectors(true);
        withTermVectors.setStoreTermVectorPositions(true);
        withTermVectors.setStoreTermVectorOffsets(true);
        try (IndexWriter writer = new IndexWriter(FSDirectory.open(messages), new IndexWriterConfig(new StandardAnalyzer()))) {
            Document document = new Document();
            document.add(new Field("body", "a message indexed by an earlier version", withTermVectors));
            writer.addDocument(document);
        }

        try (ConfigurableApplicationContext after = start(false)) {
            SearchIndexAdmin admin = after.getBean(SearchIndexAdmin.class);
            Instant deadline = Instant.now().plusSeconds(60);
            while (!admin.progress().phase().equals("DONE") && Instant.now().isBefore(deadline)) {
                Thread.sleep(50);
            }
            assertThat(search(after, "kettle " + run)).as("built again from the rows at start").containsExactly(first);
            UUID next = ingest(after, run + "b", "the toaster sparks " + run);
            assertThat(search(after, "toaster " + run)).as("a new message's document is taken").containsExactly(next);
            assertThat(admin.counts().indexed()).isEqualTo(admin.counts().documents());
        }
    }

    private static UUID ingest(ConfigurableApplicationContext context, String run, String text) {
        UUID conversationId = context.getBean(IngestionService.class).ingest(new InboundMessage(Channel.EMAIL,
                "schema-" + run, new InboundMessage.Sender(Channel.EMAIL, "s." + run + "@example.com", "Sam"),
                "Schema " + run, text, null, null, List.of(), null, Instant.now())).conversationId();
        assertThat(context.getBean(SpineProgress.class).awaitApplied(SearchIndexer.NAME, Duration.ofSeconds(60)))
                .isTrue();
        return conversationId;
    }

    /** The Lucene commit points of both indexes ({@code segments_N}: N grows with every commit). */
    private List<String> commits() throws IOException {
        try (Stream<Path> files = Files.walk(dir.resolve("index"))) {
            return files.map(p -> dir.relativize(p).toString()).filter(p -> p.matches(".*segments_\\w+")).sorted()
                    .toList();
        }
    }

    private static List<UUID> found(ConfigurableApplicationContext context, String run) {
        return search(context, "waffle " + run);
    }

    private static List<UUID> search(ConfigurableApplicationContext context, String query) {
        return context.getBean(ConversationSearch.class).search(Viewer.SYSTEM, query, null, 20).items()
                .stream().map(ConversationSearch.Hit::conversationId).toList();
    }

    private static void deleteRecursively(Path path) throws IOException {
        try (Stream<Path> files = Files.walk(path)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
