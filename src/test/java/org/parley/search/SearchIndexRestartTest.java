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
 * whose index directory was deleted indexes the documents again by itself when it starts.
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

    /** The Lucene commit points of both indexes ({@code segments_N}: N grows with every commit). */
    private List<String> commits() throws IOException {
        try (Stream<Path> files = Files.walk(dir.resolve("index"))) {
            return files.map(p -> dir.relativize(p).toString()).filter(p -> p.matches(".*segments_\\w+")).sorted()
                    .toList();
        }
    }

    private static List<UUID> found(ConfigurableApplicationContext context, String run) {
        return context.getBean(ConversationSearch.class).search(Viewer.SYSTEM, "waffle " + run, null, 20).items()
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
