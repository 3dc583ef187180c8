package org.parley.channel.email;

import jakarta.mail.Folder;
import jakarta.mail.MessagingException;
import jakarta.mail.Store;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.parley.base.PeriodicRound;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.task.AsyncTaskExecutor;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Fetches new mail from every enabled mailbox on its poll interval, several mailboxes in parallel.
 * Clustered: a node imports a mailbox only while it holds the mailbox's lease row, so two nodes never
 * import the same mailbox at once. Mails are read by UID in batches ({@link ImapReader}: up to
 * {@value ImapReader#BATCH_MAILS} mails or 16 MB), the next batch read while the current one is parsed and
 * committed; after each batch is committed UIDVALIDITY and the last imported UID are stored, so a restart
 * neither skips nor re-imports: a crash inside a batch reads its mails again, and their Message-IDs keep that
 * from duplicating anything (as after a changed UIDVALIDITY, which starts the folder over). {@code \Seen} is
 * set on the server once per poll, on the committed mails only (one command: on some servers every command
 * costs a pass over the whole folder).
 */
@Component
public class MailPoller implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(MailPoller.class);
    private final MailboxRepository mailboxes;
    private final MailSessions sessions;
    private final MailImporter importer;
    private final EmailProperties properties;
    private final TransactionTemplate transaction;
    private final String node = ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID();
    private final Set<UUID> running = ConcurrentHashMap.newKeySet();
    private final Set<UUID> woken = ConcurrentHashMap.newKeySet();
    private final java.util.Map<UUID, Store> idling = new ConcurrentHashMap<>();
    private final TaskScheduler scheduler;
    private final PeriodicRound ticker;
    private final AsyncTaskExecutor readers;
    private volatile ThreadPoolTaskExecutor workers;

    MailPoller(MailboxRepository mailboxes, MailSessions sessions, MailImporter importer, EmailProperties properties,
            TransactionTemplate transaction, @Qualifier("parleyScheduler") TaskScheduler scheduler,
            @Qualifier("applicationTaskExecutor") AsyncTaskExecutor readers) {
        this.scheduler = scheduler;
        this.readers = readers;
        this.ticker = new PeriodicRound("mail poll", scheduler, this::tick);
        this.mailboxes = mailboxes;
        this.sessions = sessions;
        this.importer = importer;
        this.properties = properties;
        this.transaction = transaction;
    }

    @Override
    public void start() {
        if (!properties.pollingEnabled()) {
            log.info("mail polling is disabled on this node (parley.channels.email.polling-enabled=false)");
            return;
        }
        // at most `pollers` mailboxes are fetched at once; the tick itself runs on Parley's scheduler
        ThreadPoolTaskExecutor pool = new ThreadPoolTaskExecutor();
        pool.setCorePoolSize(Math.max(1, properties.pollers()));
        pool.setMaxPoolSize(Math.max(1, properties.pollers()));
        pool.setThreadNamePrefix("mail-poll-");
        pool.setDaemon(true);
        pool.setWaitForTasksToCompleteOnShutdown(true);
        pool.setAwaitTerminationSeconds(10);
        pool.initialize();
        workers = pool;
        ticker.start(Duration.ofSeconds(1));
    }

    @Override
    public void stop() {
        ThreadPoolTaskExecutor w = workers;
        ticker.stop();
        workers = null;
        idling.values().forEach(MailPoller::closeQuietly);
        idling.clear();
        if (w != null) {
            w.shutdown(); // lets a fetch in progress commit its batch, up to 10 s
        }
    }

    @Override
    public boolean isRunning() {
        return ticker.isStarted();
    }

    private void tick() {
        try {
            Instant now = Instant.now();
            for (Mailbox m : mailboxes.findByEnabledTrueOrderByName()) {
                if (properties.idle() && !idling.containsKey(m.getId())) {
                    watch(m.getId());
                }
                boolean due = m.getLastPollAt() == null || woken.contains(m.getId())
                        || !m.getLastPollAt().plusSeconds(m.getPollIntervalSeconds()).isAfter(now);
                ThreadPoolTaskExecutor w = workers;
                if (due && w != null && running.add(m.getId())) {
                    woken.remove(m.getId()); // mail announced from now on wakes the next round
                    w.execute(() -> {
                        try {
                            poll(m.getId());
                        } finally {
                            running.remove(m.getId());
                        }
                    });
                }
            }
        } catch (RuntimeException e) {
            log.warn("mail poll round failed: {}", e.toString());
        }
    }

    /**
     * IMAP IDLE: a connection per mailbox that waits for the server to announce new mail and then wakes
     * the poller for that mailbox at once (the import itself still runs under the mailbox's lease).
     * Servers without IDLE are simply polled. A dropped connection is re-opened after a pause.
     */
    private void watch(UUID mailboxId) {
        idling.put(mailboxId, NO_STORE);
        scheduler.schedule(() -> {
            while (ticker.isStarted()) {
                Mailbox mailbox = mailboxes.findById(mailboxId).filter(Mailbox::isEnabled).orElse(null);
                if (mailbox == null) {
                    break;
                }
                try (Store store = sessions.connectImap(mailbox)) {
                    if (!(store instanceof org.eclipse.angus.mail.imap.IMAPStore imap) || !imap.hasCapability("IDLE")) {
                        log.info("mailbox {}: the server does not support IMAP IDLE, polling only", mailbox.getName());
                        return; // stays marked: no reconnect loop for a server without IDLE
                    }
                    idling.put(mailboxId, store);
                    IMAPFolder folder = (IMAPFolder) store.getFolder(mailbox.getFolder());
                    folder.open(Folder.READ_ONLY);
                    folder.addMessageCountListener(new jakarta.mail.event.MessageCountAdapter() {
                        @Override
                        public void messagesAdded(jakarta.mail.event.MessageCountEvent e) {
                            woken.add(mailboxId);
                        }
                    });
                    while (ticker.isStarted() && store.isConnected()) {
                        folder.idle(true);
                    }
                } catch (MessagingException | RuntimeException e) {
                    if (ticker.isStarted()) {
                        log.debug("mailbox {}: IDLE connection ended ({}), reconnecting", mailboxId, e.toString());
                        pause(30_000);
                    }
                }
            }
            idling.remove(mailboxId);
        }, Instant.now());
    }

    private static final Store NO_STORE = new Store(jakarta.mail.Session.getInstance(new java.util.Properties()), null) {
        @Override
        public Folder getDefaultFolder() {
            throw new UnsupportedOperationException();
        }

        @Override
        public Folder getFolder(String name) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Folder getFolder(jakarta.mail.URLName url) {
            throw new UnsupportedOperationException();
        }
    };

    private static void closeQuietly(Store store) {
        try {
            store.close();
        } catch (MessagingException | RuntimeException ignored) {
            // shutting down
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Imports what is new in one mailbox, if this node gets its lease; returns the number of mails handled
     * (-1 when another node holds the mailbox).
     */
    public int poll(UUID mailboxId) {
        if (!lease(mailboxId)) {
            return -1;
        }
        try {
            Mailbox mailbox = mailboxes.findById(mailboxId).orElse(null);
            if (mailbox == null || !mailbox.isEnabled()) {
                return 0;
            }
            try {
                int handled = fetch(mailbox);
                transaction.executeWithoutResult(s -> mailboxes.recordPoll(mailboxId, Instant.now(), null));
                return handled;
            } catch (MessagingException | RuntimeException e) {
                String error = MailboxService.message(e);
                log.warn("polling mailbox {} failed: {}", mailbox.getName(), error);
                transaction.executeWithoutResult(s -> mailboxes.recordPoll(mailboxId, Instant.now(),
                        QuarantinedMail.cut(error, 1000)));
                return 0;
            }
        } finally {
            transaction.executeWithoutResult(s -> mailboxes.releaseLease(mailboxId, node));
        }
    }

    private boolean lease(UUID mailboxId) {
        Instant now = Instant.now();
        Integer taken = transaction.execute(s -> mailboxes.tryLease(mailboxId, node, now.plus(properties.lease()), now));
        return taken != null && taken == 1;
    }

    private int fetch(Mailbox mailbox) throws MessagingException {
        int handled = 0;
        try (Store store = sessions.connectImap(mailbox)) {
            IMAPFolder folder = (IMAPFolder) store.getFolder(mailbox.getFolder());
            folder.open(Folder.READ_WRITE);
            CompletableFuture<List<MailImporter.RawMail>> ahead = null;
            ImapReader.Batch committed = null;
            try {
                long validity = folder.getUIDValidity();
                long lastUid = mailbox.getUidValidity() != null && mailbox.getUidValidity() == validity
                        ? mailbox.getLastUid() : 0;
                if (mailbox.getUidValidity() != null && mailbox.getUidValidity() != validity) {
                    log.warn("mailbox {}: UIDVALIDITY changed from {} to {}, reading the folder again (Message-IDs"
                            + " keep that from duplicating mail)", mailbox.getName(), mailbox.getUidValidity(), validity);
                }
                List<ImapReader.Batch> batches = ImapReader.batches(ImapReader.waiting(folder, lastUid));
                int imported = 0;
                ahead = batches.isEmpty() ? null : readAhead(folder, batches.getFirst());
                for (int b = 0; b < batches.size(); b++) {
                    ImapReader.Batch batch = batches.get(b);
                    List<MailImporter.RawMail> raws = await(ahead);
                    // the next batch comes over the wire while this one is parsed and committed
                    ahead = b + 1 < batches.size() ? readAhead(folder, batches.get(b + 1)) : null;
                    // parsed in parallel, stored together (group commit); returns once all are committed
                    for (MailImporter.Outcome outcome : importer.importBatch(mailbox.getName(), raws)) {
                        handled++;
                        if (outcome == MailImporter.Outcome.IMPORTED) {
                            imported++;
                        }
                    }
                    committed = committed == null ? batch : committed.through(batch);
                    lastUid = batch.lastUid();
                    long position = lastUid;
                    transaction.executeWithoutResult(s -> mailboxes.recordPosition(mailbox.getId(), validity, position));
                    renewLease(mailbox.getId());
                }
                if (mailbox.getUidValidity() == null || mailbox.getUidValidity() != validity) {
                    long position = lastUid;
                    transaction.executeWithoutResult(s -> mailboxes.recordPosition(mailbox.getId(), validity, position));
                }
                if (imported > 0) {
                    int n = imported;
                    transaction.executeWithoutResult(s -> mailboxes.countImported(mailbox.getId(),
                            LocalDate.now(ZoneOffset.UTC), n));
                }
            } finally {
                if (ahead != null) {
                    ahead.exceptionally(e -> null).join(); // a read under way ends before the folder closes
                }
                if (committed != null) {
                    markSeen(mailbox, folder, committed);
                }
                folder.close(false);
            }
        }
        return handled;
    }

    /**
     * Once per poll, also when a later batch failed: every mail of the span is committed in Parley. \Seen is
     * for the people reading the mailbox, Parley goes by the stored UID: a failure here fails nothing.
     */
    private static void markSeen(Mailbox mailbox, IMAPFolder folder, ImapReader.Batch committed) {
        try {
            ImapReader.markSeen(folder, committed);
        } catch (MessagingException | RuntimeException e) {
            log.warn("mailbox {}: could not set \\Seen on UIDs {}:{} ({})", mailbox.getName(), committed.firstUid(),
                    committed.lastUid(), e.toString());
        }
    }

    private CompletableFuture<List<MailImporter.RawMail>> readAhead(IMAPFolder folder, ImapReader.Batch batch) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return ImapReader.read(folder, batch);
            } catch (MessagingException e) {
                throw new CompletionException(e);
            }
        }, readers);
    }

    private static List<MailImporter.RawMail> await(CompletableFuture<List<MailImporter.RawMail>> read)
            throws MessagingException {
        try {
            return read.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof MessagingException m) {
                throw m;
            }
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw e;
        }
    }

    private void renewLease(UUID mailboxId) {
        Instant now = Instant.now();
        transaction.executeWithoutResult(s -> mailboxes.tryLease(mailboxId, node, now.plus(properties.lease()), now));
    }
}
