package org.parley.channel;

import org.parley.conversation.ConversationAccess.Viewer;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.parley.base.InvalidInputException;
import org.parley.base.ServiceBusyException;
import org.parley.conversation.ConversationService;
import org.parley.conversation.IncomingMessage;
import org.parley.conversation.StoredMessage;
import org.parley.customer.CustomerDirectory;
import org.parley.customer.IdentityKey;
import org.parley.customer.ResolvedCustomer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The one way in for every channel: validate, resolve the sender to a customer, thread, store idempotently
 * and announce (the conversation module publishes {@code MessageReceived} on the event spine in the same
 * transaction). Messages are committed in groups: concurrent callers join a batch of their lane, the batch
 * commits once, and each caller is answered only after that commit — durable before acknowledged, at a
 * fraction of a commit each. A full lane refuses at once ({@link ServiceBusyException}, 503) instead of
 * letting callers pile up; a batch that fails is retried message by message, each in its own transaction.
 */
@Service
@EnableConfigurationProperties(IngestProperties.class)
public class IngestionService implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(IngestionService.class);
    private static final int ATTEMPTS = 5;
    private static final Duration MAX_CLOCK_SKEW = Duration.ofDays(1);

    private final CustomerDirectory customers;
    private final ConversationService conversations;
    private final TransactionTemplate transaction;
    private final Validator validator;
    private final IngestProperties properties;
    private final List<BlockingQueue<Job>> lanes = new ArrayList<>();
    private final SimpleAsyncTaskExecutor writers = new SimpleAsyncTaskExecutor("parley-ingest-");
    private volatile boolean running;
    /** Bumped by every start: writers of an earlier start leave their lane to the new ones. */
    private volatile int generation;

    /** One message waiting for its lane, with what else must be stored in its transaction. */
    private record Job(InboundMessage message, IdentityKey sender, Instant receivedAt,
            Consumer<IngestResult> alsoInTransaction, CompletableFuture<IngestResult> done) {
    }

    IngestionService(CustomerDirectory customers, ConversationService conversations,
            PlatformTransactionManager transactions, Validator validator, IngestProperties properties) {
        this.customers = customers;
        this.conversations = conversations;
        this.transaction = new TransactionTemplate(transactions);
        // no gap locks: two lanes creating different new customers must not deadlock on the identity index
        this.transaction.setIsolationLevel(TransactionTemplate.ISOLATION_READ_COMMITTED);
        this.validator = validator;
        this.properties = properties;
        this.writers.setVirtualThreads(true);
        for (int i = 0; i < properties.lanes(); i++) {
            lanes.add(new ArrayBlockingQueue<>(properties.queueCapacity()));
        }
    }

    /**
     * Stores one message and answers once it is durable.
     *
     * @throws InvalidInputException the message is malformed (nothing stored)
     * @throws ServiceBusyException Parley is saturated (nothing stored), or the message did not become durable
     *         within {@code parley.ingest.max-wait} (it may still be stored; a retry is answered as a duplicate)
     */
    public IngestResult ingest(InboundMessage message) {
        return ingest(message, null);
    }

    /**
     * Like {@link #ingest(InboundMessage)}, and runs {@code alsoInTransaction} with the result in the
     * message's own transaction (e.g. storing a mail's attachments with it). Inside a caller's transaction
     * the message is stored in that transaction instead (one attempt: the caller retries its whole unit).
     */
    public IngestResult ingest(InboundMessage message, Consumer<IngestResult> alsoInTransaction) {
        Job job = prepare(message, alsoInTransaction);
        if (TransactionSynchronizationManager.isActualTransactionActive()) {
            IngestResult result = store(job);
            return result;
        }
        submit(job);
        return await(job);
    }

    /**
     * Stores many messages (an import): they share batches with everyone else's, and the call returns when
     * all are durable. A message that cannot be stored yields its exception in its place.
     */
    public List<Outcome> ingestAll(List<InboundMessage> messages, Consumer<Stored> alsoInTransaction) {
        List<Job> jobs = new ArrayList<>(messages.size());
        List<Outcome> outcomes = new ArrayList<>(messages.size());
        for (InboundMessage m : messages) {
            try {
                Job job = prepare(m, alsoInTransaction == null ? null : r -> alsoInTransaction.accept(new Stored(m, r)));
                lane(job).put(job);
                jobs.add(job);
            } catch (InvalidInputException e) {
                jobs.add(null);
                outcomes.add(new Outcome(m, null, e));
                continue;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ServiceBusyException("interrupted while queueing an import", Duration.ofSeconds(1));
            }
            outcomes.add(null);
        }
        for (int i = 0; i < jobs.size(); i++) {
            Job job = jobs.get(i);
            if (job == null) {
                continue;
            }
            try {
                outcomes.set(i, new Outcome(job.message(), job.done().get(), null));
            } catch (ExecutionException e) {
                outcomes.set(i, new Outcome(job.message(), null, e.getCause() instanceof RuntimeException r ? r
                        : new IllegalStateException(e.getCause())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ServiceBusyException("interrupted while importing", Duration.ofSeconds(1));
            }
        }
        return outcomes;
    }

    /** A message of an import and where it landed, for work that belongs in its transaction. */
    public record Stored(InboundMessage message, IngestResult result) {
    }

    /** What became of one message of an import: its result, or why it was not stored. */
    public record Outcome(InboundMessage message, IngestResult result, RuntimeException failure) {
    }

    private Job prepare(InboundMessage message, Consumer<IngestResult> alsoInTransaction) {
        validate(message);
        IdentityKey sender = customers.normalizer().normalize(message.from().type(), message.from().value());
        Instant receivedAt = message.receivedAt() == null ? Instant.now() : message.receivedAt();
        return new Job(message, sender, receivedAt, alsoInTransaction, new CompletableFuture<>());
    }

    private BlockingQueue<Job> lane(Job job) {
        return lanes.get(Math.floorMod(job.sender().hashCode(), lanes.size()));
    }

    private void submit(Job job) {
        if (!running) {
            throw new ServiceBusyException("Parley is starting or stopping; try again shortly", Duration.ofSeconds(2));
        }
        if (!lane(job).offer(job)) {
            throw new ServiceBusyException("Parley is receiving more messages than it can store; try again shortly",
                    Duration.ofSeconds(1));
        }
    }

    private IngestResult await(Job job) {
        try {
            return job.done().get(properties.maxWait().toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            throw new ServiceBusyException("the message was not stored within " + properties.maxWait().toSeconds()
                    + " s; send it again (a stored one is answered as a duplicate)", Duration.ofSeconds(2));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServiceBusyException("interrupted while storing", Duration.ofSeconds(1));
        }
    }

    // --- the lanes -------------------------------------------------------------------------------------

    @Override
    public void start() {
        // a restart right after a stop (a paused test context) may find the earlier writers still polling: they
        // see the new generation and end, instead of writing each lane alongside the new ones
        int current = ++generation;
        running = true;
        for (BlockingQueue<Job> lane : lanes) {
            writers.execute(() -> write(lane, current));
        }
    }

    @Override
    public void stop() {
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Up before the web server takes requests, down after it stopped taking them. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 4000;
    }

    private void write(BlockingQueue<Job> lane, int started) {
        List<Job> batch = new ArrayList<>(properties.batchSize());
        while (generation == started && (running || !lane.isEmpty())) {
            try {
                Job first = lane.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                lane.drainTo(batch, properties.batchSize() - 1);
                commit(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.error("ingest lane failed a batch of {}", batch.size(), e);
                batch.forEach(job -> job.done().completeExceptionally(e));
            } finally {
                batch.clear();
            }
        }
    }

    /**
     * The whole batch in one transaction. A lock conflict (another lane, another node) retries the batch; any
     * other failure, or conflicts that keep coming, store each message alone, so one bad message fails alone.
     */
    private void commit(List<Job> batch) {
        List<IngestResult> results = null;
        for (int attempt = 1; results == null; attempt++) {
            try {
                results = transaction.execute(status -> store(batch));
            } catch (TransientDataAccessException conflict) {
                if (attempt == 3 || batch.size() == 1) {
                    batch.forEach(this::commitAlone);
                    return;
                }
                log.debug("a batch of {} met a lock conflict ({}); trying it again", batch.size(), conflict.toString());
                pause(attempt);
            } catch (RuntimeException batchFailed) {
                if (batch.size() > 1) {
                    log.debug("a batch of {} failed ({}); storing its messages one by one", batch.size(),
                            batchFailed.toString());
                }
                batch.forEach(this::commitAlone);
                return;
            }
        }
        for (int i = 0; i < batch.size(); i++) {
            batch.get(i).done().complete(results.get(i));
        }
    }

    private void commitAlone(Job job) {
        for (int attempt = 1; ; attempt++) {
            try {
                job.done().complete(transaction.execute(status -> store(job)));
                return;
            } catch (DataIntegrityViolationException | TransientDataAccessException race) {
                // a concurrent delivery of the same message, or a first message of the same new customer on another
                // node, won the race (unique key, optimistic version or lock): the next attempt finds its rows
                if (attempt == ATTEMPTS) {
                    job.done().completeExceptionally(race);
                    return;
                }
                log.debug("retrying ingestion of {}/{} after a concurrent write: {}", job.message().channel(),
                        job.message().externalId(), race.getMessage());
                pause(attempt);
            } catch (RuntimeException e) {
                job.done().completeExceptionally(e);
                return;
            }
        }
    }

    private static void pause(int attempt) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextInt(5, 20) * (long) attempt);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private IngestResult store(Job job) {
        return store(List.of(job)).getFirst();
    }

    /**
     * Stores the jobs' messages in order in the current transaction: their senders resolved together, then the
     * messages threaded and stored together (each module reads what the whole batch needs at once, and the writes
     * reach the database together), then what else belongs in each message's transaction.
     */
    private List<IngestResult> store(List<Job> jobs) {
        List<ResolvedCustomer> senders = customers.resolveAll(jobs.stream().map(job -> new CustomerDirectory.Sender(
                job.sender(), job.message().from().name(), job.message().from().value().strip(), job.receivedAt()))
                .toList());
        List<IncomingMessage> incoming = new ArrayList<>(jobs.size());
        for (int i = 0; i < jobs.size(); i++) {
            InboundMessage message = jobs.get(i).message();
            String authorName = message.from().name() == null || message.from().name().isBlank()
                    ? message.from().value().strip() : message.from().name().strip();
            incoming.add(new IncomingMessage(senders.get(i).customerId(), authorName, message.channel(),
                    message.externalId().strip(), message.subject(), message.text(), message.html(),
                    message.inReplyTo(), message.references(), message.threadKey(), jobs.get(i).receivedAt(),
                    blankToNull(message.account())));
        }
        List<StoredMessage> stored = conversations.receiveAll(Viewer.SYSTEM, incoming);
        List<IngestResult> results = new ArrayList<>(jobs.size());
        for (int i = 0; i < jobs.size(); i++) {
            StoredMessage s = stored.get(i);
            IngestResult result = new IngestResult(s.messageId(), s.conversationId(), s.customerId(), s.duplicate());
            if (jobs.get(i).alsoInTransaction() != null) {
                jobs.get(i).alsoInTransaction().accept(result);
            }
            results.add(result);
        }
        return results;
    }

    private void validate(InboundMessage m) {
        if (m == null) {
            throw new InvalidInputException("message is required");
        }
        Set<ConstraintViolation<InboundMessage>> violations = validator.validate(m);
        if (!violations.isEmpty()) {
            ConstraintViolation<InboundMessage> first = violations.stream()
                    .min(Comparator.comparing(v -> v.getPropertyPath().toString())).orElseThrow();
            String path = first.getPropertyPath().toString().replaceAll("<[^>]*>", "").replace("readable", "")
                    .replaceAll("\\[\\d+]", "[]");
            throw new InvalidInputException((path.isEmpty() ? "" : path + " ") + first.getMessage());
        }
        if (m.receivedAt() != null && m.receivedAt().isAfter(Instant.now().plus(MAX_CLOCK_SKEW))) {
            throw new InvalidInputException("receivedAt lies more than a day in the future");
        }
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
