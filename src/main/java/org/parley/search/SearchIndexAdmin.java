package org.parley.search;

import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.lucene.index.FieldInfo;
import org.apache.lucene.index.FieldInfos;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.index.IndexReader;
import org.hibernate.search.backend.lucene.LuceneBackend;
import org.hibernate.search.backend.lucene.LuceneExtension;
import org.hibernate.search.mapper.orm.Search;
import org.hibernate.search.mapper.orm.mapping.SearchMapping;
import org.hibernate.search.mapper.orm.scope.SearchScope;
import org.hibernate.search.mapper.pojo.massindexing.MassIndexingMonitor;
import org.parley.audit.AuditTrail;
import org.parley.conversation.ConversationAccess.Viewer;
import org.parley.conversation.ConversationService;
import org.parley.security.RoleGuard;
import org.parley.team.Role;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryTemplate;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Rebuilds the search on demand (an admin's action, {@code parley.search.rebuild-on-start}) in two phases:
 * the documents are written afresh from every conversation, then the index is built anew from the documents.
 * Progress is kept for the admin screen and the REST API. A node whose index does not hold as many documents as
 * the database (a new node, a deleted index directory, or one damaged by a crash) indexes them again when
 * it starts, and so does one whose index an earlier version wrote with fields stored otherwise.
 */
@Service
public class SearchIndexAdmin {

    private static final Logger log = LoggerFactory.getLogger(SearchIndexAdmin.class);
    /**
     * A rebuild runs while messages arrive: when the search subscriber wrote a document of the batch meanwhile
     * (the same new message, a changed row), the batch is read and written again instead of failing the rebuild.
     */
    private static final RetryTemplate BATCH_AGAIN = new RetryTemplate(RetryPolicy.builder().maxRetries(4)
            .delay(Duration.ofMillis(50)).multiplier(2)
            .includes(DataIntegrityViolationException.class, OptimisticLockingFailureException.class,
                    PessimisticLockingFailureException.class)
            .build());

    /** Where a rebuild stands. {@code phase}: IDLE, DOCUMENTS, INDEX, DONE or FAILED. */
    public record Progress(String phase, long done, long total, Instant startedAt, Instant finishedAt,
            String error) {

        /** How far along, 0..1 (the documents are the first half, the index the second). */
        public double fraction() {
            double part = total <= 0 ? 0 : Math.min(1.0, (double) done / total);
            return switch (phase) {
                case "DOCUMENTS" -> part / 2;
                case "INDEX" -> 0.5 + part / 2;
                case "DONE" -> 1;
                default -> 0;
            };
        }

        public boolean running() {
            return phase.equals("DOCUMENTS") || phase.equals("INDEX");
        }
    }

    private final EntityManager em;
    private final ConversationService conversations;
    private final SearchDocuments documents;
    private final TransactionTemplate tx;
    private final SearchProperties properties;
    private final AuditTrail audit;
    private final Clock clock;
    private final RoleGuard roles;
    private final SimpleAsyncTaskExecutor runner = new SimpleAsyncTaskExecutor("parley-search-rebuild-");
    private final AtomicLong done = new AtomicLong();
    private volatile Progress progress = new Progress("IDLE", 0, 0, null, null, null);
    /** The index on disk was an earlier version's and was emptied at start: it is built again. */
    private volatile boolean earlierIndexDropped;

    SearchIndexAdmin(EntityManager em, ConversationService conversations, SearchDocuments documents,
            PlatformTransactionManager transactions, SearchProperties properties, AuditTrail audit, Clock clock, RoleGuard roles) {
        this.roles = roles;
        this.em = em;
        this.conversations = conversations;
        this.documents = documents;
        this.tx = new TransactionTemplate(transactions);
        this.properties = properties;
        this.audit = audit;
        this.clock = clock;
        this.runner.setVirtualThreads(true);
    }

    public Progress progress() {
        Progress p = progress;
        return p.running() ? new Progress(p.phase(), done.get(), p.total(), p.startedAt(), null, null) : p;
    }

    /** How many documents the database holds and how many the index finds (they agree unless a rebuild runs). */
    public record Counts(long documents, long indexed) {
    }

    public Counts counts() {
        return new Counts(count("select count(*) from SearchDocument d"), indexedCount());
    }

    /** Starts a rebuild unless one runs; returns where it stands. Only Parley itself or an admin may. */
    public synchronized Progress rebuild(Viewer viewer, String by) {
        if (!viewer.isParley()) {
            roles.requireAny(Role.ADMIN);
        }
        if (progress.running()) {
            return progress();
        }
        tx.executeWithoutResult(s -> audit.record("search.rebuild", "search", null, "rebuild started by " + by));
        start("DOCUMENTS", conversationCount());
        runner.execute(() -> {
            try {
                writeDocuments();
                indexDocuments();
            } catch (RuntimeException | InterruptedException e) {
                failed(e);
            }
        });
        return progress();
    }

    /** Blocks until no rebuild runs (tests, the benchmark). */
    public Progress awaitIdle(java.time.Duration timeout) throws InterruptedException {
        Instant until = clock.instant().plus(timeout);
        while (progress.running() && clock.instant().isBefore(until)) {
            Thread.sleep(50);
        }
        return progress();
    }

    /**
     * Lucene refuses a document whose field is stored otherwise than in the index's earlier documents, so an index
     * an earlier version wrote with term vectors and offsets for the subject and body (before the plain highlighter
     * was known to need neither) would fail every new message's document. Such an index is emptied before the
     * subscribers start and built again from the documents once the node is up.
     */
    @jakarta.annotation.PostConstruct
    void dropAnEarlierVersionsIndex() {
        SearchMapping mapping = Search.mapping(em.getEntityManagerFactory());
        if (!(mapping.backend() instanceof LuceneBackend)) {
            return;
        }
        SearchScope<SearchDocument> messages = mapping.scope(SearchDocument.class);
        boolean earlier = false;
        try (IndexReader reader = messages.extension(LuceneExtension.get()).openIndexReader()) {
            for (FieldInfo field : FieldInfos.getMergedFieldInfos(reader)) {
                earlier |= field.hasVectors()
                        || field.getIndexOptions() == IndexOptions.DOCS_AND_FREQS_AND_POSITIONS_AND_OFFSETS;
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        if (earlier) {
            log.warn("Search: the index was written by an earlier version (term vectors); emptying it to build it"
                    + " again from the documents");
            messages.schemaManager().dropAndCreate();
            earlierIndexDropped = true;
        }
    }

    @EventListener(ApplicationReadyEvent.class)
    void onStart() {
        if (properties.rebuildOnStart()) {
            rebuild(Viewer.SYSTEM, "parley.search.rebuild-on-start");
            return;
        }
        // an emptied index is built again even where index-on-start is off: it held every document before
        if (!properties.indexOnStart() && !earlierIndexDropped) {
            return;
        }
        long rows = count("select count(*) from SearchDocument d");
        if (rows == 0 && conversationCount() > 0) {
            log.info("Search: no documents for the existing conversations yet, building them");
            rebuild(Viewer.SYSTEM, "start-up (no documents yet)");
        } else if (rows > 0 && indexedCount() != rows) {
            // an empty index (a new node, a deleted directory), or one that differs from the rows (a crash)
            log.info("Search: the index holds {} of {} documents, indexing them again", indexedCount(), rows);
            reindex(Viewer.SYSTEM, "start-up (the index differs from the documents)");
        }
    }

    /**
     * Builds the index anew from the documents as they are (no conversation is read again), unless a rebuild runs;
     * for a lost or damaged index. Only Parley itself or an admin may.
     */
    public synchronized Progress reindex(Viewer viewer, String by) {
        if (!viewer.isParley()) {
            roles.requireAny(Role.ADMIN);
        }
        if (progress.running()) {
            return progress();
        }
        tx.executeWithoutResult(s -> audit.record("search.reindex", "search", null, "reindex started by " + by));
        start("INDEX", count("select count(*) from SearchDocument d"));
        runner.execute(() -> {
            try {
                indexDocuments();
            } catch (RuntimeException | InterruptedException e) {
                failed(e);
            }
        });
        return progress();
    }

    private void writeDocuments() {
        UUID after = null;
        while (true) {
            UUID from = after;
            List<UUID> batch = tx.execute(s -> conversations.conversationIdsAfter(Viewer.SYSTEM, from,
                    properties.batchSize()));
            if (batch == null || batch.isEmpty()) {
                return;
            }
            BATCH_AGAIN.invoke(() -> tx.executeWithoutResult(s -> {
                // the documents are indexed all at once afterwards, not row by row now
                Search.session(em).indexingPlanFilter(f -> f.exclude(SearchDocument.class)
                        .exclude(SearchConversation.class));
                documents.sync(batch, Set.of());
            }));
            done.addAndGet(batch.size());
            after = batch.get(batch.size() - 1);
        }
    }

    private void indexDocuments() throws InterruptedException {
        start("INDEX", count("select count(*) from SearchDocument d"));
        Search.mapping(em.getEntityManagerFactory()).scope(Object.class).massIndexer()
                .threadsToLoadObjects(2).batchSizeToLoadObjects(500).purgeAllOnStart(true)
                .monitor(new MassIndexingMonitor() {
                    @Override
                    public void documentsAdded(long increment) {
                        done.addAndGet(increment);
                    }

                    @Override
                    public void documentsBuilt(long increment) {
                    }

                    @Override
                    public void entitiesLoaded(long increment) {
                    }

                    @Override
                    public void indexingCompleted() {
                    }
                })
                .startAndWait();
        Progress p = progress;
        progress = new Progress("DONE", done.get(), p.total(), p.startedAt(), clock.instant(), null);
        log.info("Search: indexed {} documents in {} ms", done.get(),
                java.time.Duration.between(p.startedAt(), clock.instant()).toMillis());
    }

    private void failed(Exception e) {
        log.error("Rebuilding the search failed", e);
        progress = new Progress("FAILED", done.get(), progress.total(), progress.startedAt(), clock.instant(),
                e.getMessage());
        if (e instanceof InterruptedException) {
            Thread.currentThread().interrupt();
        }
    }

    private void start(String phase, long total) {
        Instant startedAt = progress.running() ? progress.startedAt() : clock.instant();
        done.set(0);
        progress = new Progress(phase, 0, total, startedAt, null, null);
    }

    private long conversationCount() {
        Long n = tx.execute(s -> conversations.conversationCount(Viewer.SYSTEM));
        return n == null ? 0 : n;
    }

    private long count(String jpql) {
        Long n = tx.execute(s -> em.createQuery(jpql, Long.class).getSingleResult());
        return n == null ? 0 : n;
    }

    private long indexedCount() {
        Long n = tx.execute(s -> Search.session(em).search(SearchDocument.class).where(f -> f.matchAll())
                .fetchTotalHitCount());
        return n == null ? 0 : n;
    }
}
