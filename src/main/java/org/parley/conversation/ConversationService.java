package org.parley.conversation;

import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import org.parley.audit.AuditTrail;
import org.parley.base.Channel;
import org.parley.base.HtmlSanitizer;
import org.parley.base.InvalidInputException;
import org.parley.base.NotFoundException;
import org.parley.conversation.ConversationAccess.Viewer;
import org.parley.customer.CustomerDirectory;
import org.parley.team.Agent;
import org.parley.team.TeamDirectory;
import org.parley.base.events.CommitCounter;
import org.parley.base.events.EventSpine;
import org.parley.conversation.ConversationChanged.Assigned;
import org.parley.conversation.ConversationChanged.Change;
import org.parley.conversation.ConversationChanged.PriorityChanged;
import org.parley.conversation.ConversationChanged.StatusChanged;
import org.parley.conversation.ConversationChanged.TagsChanged;
import org.parley.conversation.ConversationChanged.TeamChanged;
import org.springframework.data.domain.Limit;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Conversations and their messages: threading and storing what arrives, and everything agents do. */
@Service
@Transactional(readOnly = true)
public class ConversationService {

    static final int MAX_TEXT = 60_000;
    private static final int MAX_TAG = 60;

    private final ConversationRepository conversations;
    private final MessageRepository messages;
    private final Threading threading;
    private final TeamDirectory team;
    private final CustomerDirectory customers;
    private final AuditTrail audit;
    private final EventSpine events;
    private final ConversationAccess access;
    private final EntityManager em;
    private final CommitCounter commits;

    ConversationService(ConversationRepository conversations, MessageRepository messages, Threading threading,
            TeamDirectory team, CustomerDirectory customers, AuditTrail audit, EventSpine events,
            ConversationAccess access, EntityManager em, CommitCounter commits) {
        this.access = access;
        this.commits = commits;
        this.em = em;
        this.conversations = conversations;
        this.messages = messages;
        this.threading = threading;
        this.team = team;
        this.customers = customers;
        this.audit = audit;
        this.events = events;
    }

    /** What the html_body column holds on every database (H2's long text is 1,000,000 characters). */
    private static final int MAX_HTML = 1_000_000;

    /** The text of an HTML-only message, shortened like a text body would be. */
    private static String textOf(String html) {
        String text = HtmlSanitizer.toText(html);
        return text != null && text.length() > MAX_TEXT ? text.substring(0, MAX_TEXT - 1) + "…" : text;
    }

    /**
     * Threads and stores a customer's message, once: a message whose channel and external id are
     * stored already is answered with the stored ids and {@code duplicate = true}. Only Parley's own
     * ingestion may store a customer's message.
     */
    @Transactional
    public StoredMessage receive(Viewer viewer, IncomingMessage in) {
        return receiveAll(viewer, List.of(in)).getFirst();
    }

    /**
     * {@link #receive} for each message in order, as if one after the other in this transaction (a later message
     * threads into the conversation an earlier one started; a repeated one is a duplicate), with what threading and
     * the duplicate check look up read for all of them at once instead of for each: the writes of the whole batch
     * then reach the database together at the flush.
     */
    @Transactional
    public List<StoredMessage> receiveAll(Viewer viewer, List<IncomingMessage> incoming) {
        requireSystem(viewer, "store a customer's message");
        Threading.Batch batch = threading.readAhead(incoming);
        List<StoredMessage> stored = new ArrayList<>(incoming.size());
        List<Message> written = new ArrayList<>(incoming.size());
        for (IncomingMessage in : incoming) {
            stored.add(receive(viewer, in, batch, written));
        }
        // after every new conversation of the batch: the flush inserts by entity type in the order each type first
        // came, and a message's conversation (a plain id, unknown to that ordering) must be inserted before it
        messages.saveAll(written);
        return stored;
    }

    private StoredMessage receive(Viewer viewer, IncomingMessage in, Threading.Batch batch, List<Message> written) {
        if (in.externalId() != null) {
            Optional<Threading.Batch.Known> earlier = batch.message(in.channel(), in.externalId());
            if (earlier.isPresent()) {
                Threading.Batch.Known m = earlier.get();
                return new StoredMessage(m.messageId(), m.conversationId(), m.customerId(), true);
            }
        }
        String html = HtmlSanitizer.sanitize(in.html(), MAX_HTML);
        String text = in.text() != null && !in.text().isBlank() ? in.text() : textOf(html);
        if (text == null || text.isBlank()) {
            throw new InvalidInputException("message has neither text nor html");
        }
        Optional<Conversation> thread = threading.findThread(in, batch);
        boolean newConversation = thread.isEmpty();
        Conversation conversation = thread.orElseGet(() -> conversations.save(new Conversation(in.customerId(),
                in.channel(), subjectFor(in.subject(), text), blankToNull(in.threadKey()), in.receivedAt(),
                blankToNull(in.account()))));
        Message message = Message.inbound(conversation, in.channel(), in.customerId(), in.authorName(),
                blankToNull(in.subject()), text, html, in.externalId(), blankToNull(in.inReplyTo()), in.receivedAt());
        message.setSourceAccount(blankToNull(in.account()));
        written.add(message);
        // the customer wrote: a snoozed conversation is back in the queues (snooze until the reply, or any snooze)
        ConversationChanged.SnoozeChanged woke = Snoozes.wokenByReply(conversation);
        boolean reopened = conversation.record(message);
        batch.stored(message, conversation);
        events.publish(new MessageReceived(message.getId(), conversation.getId(), conversation.getCustomerId(),
                in.channel(), newConversation, reopened, in.receivedAt(), message.getSourceAccount()));
        if (woke != null) {
            audit.record(Snoozes.AUDIT_ACTION, "conversation", conversation.getId(), "woken by the customer's reply");
            events.publish(new ConversationChanged(conversation.getId(), conversation.getCustomerId(), viewer.origin(),
                    null, List.of(woke), in.receivedAt()));
        }
        return new StoredMessage(message.getId(), conversation.getId(), conversation.getCustomerId(), false);
    }

    // Every method takes the viewer: an agent or an API token (ConversationAccess decides what they may see),
    // or Viewer.SYSTEM / ROUTING / SLA for Parley's own work, which see everything. There is no way around
    // the check (ConversationServiceAccessTest keeps it so).

    /** A conversation the viewer may see; an invisible one is "not found", exactly like a missing one. */
    public ConversationView get(Viewer viewer, UUID id) {
        return access.requireVisible(viewer, view(id));
    }

    public Optional<ConversationView> find(Viewer viewer, UUID id) {
        return conversations.findWithTags(id).map(ConversationView::of).filter(c -> access.canSee(viewer, c));
    }

    /**
     * The conversations with these ids that the viewer may see, in the order of the ids, in one query: what
     * {@link #find} answers for each (a missing or hidden one is left out).
     */
    public List<ConversationView> findAll(Viewer viewer, Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        Map<UUID, ConversationView> found = new HashMap<>();
        for (Conversation c : conversations.findAllWithTags(Set.copyOf(ids))) {
            found.put(c.getId(), ConversationView.of(c));
        }
        return ids.stream().distinct().map(found::get)
                .filter(c -> c != null && access.canSee(viewer, c)).toList();
    }

    /** The messages of a conversation the viewer may see (else not found). */
    public List<MessageView> messages(Viewer viewer, UUID conversationId) {
        visible(viewer, conversationId);
        return messages.findByConversation(conversationId).stream().map(MessageView::of).toList();
    }

    /**
     * The messages of these conversations, by conversation, each list in the order {@link #messages} answers,
     * in one query (two for a viewer who does not see everything). A conversation the viewer may not see, or
     * that does not exist or has no messages, has no entry.
     */
    public Map<UUID, List<MessageView>> messagesOf(Viewer viewer, Collection<UUID> conversationIds) {
        Set<UUID> ids = visibleIds(viewer, conversationIds);
        if (ids.isEmpty()) {
            return Map.of();
        }
        Map<UUID, List<MessageView>> byConversation = new LinkedHashMap<>();
        for (Message m : messages.findByConversations(ids)) {
            byConversation.computeIfAbsent(m.getConversationId(), id -> new ArrayList<>()).add(MessageView.of(m));
        }
        byConversation.replaceAll((id, list) -> List.copyOf(list));
        return byConversation;
    }

    /**
     * These messages, wherever they are, for Parley's own work (the search index following new messages without
     * reading their conversations again); a person's viewer is refused. An unknown id has no entry.
     */
    public List<MessageView> messagesById(Viewer viewer, Collection<UUID> messageIds) {
        viewer.requireParley("read messages regardless of their conversation");
        if (messageIds.isEmpty()) {
            return List.of();
        }
        return messages.findAllById(Set.copyOf(messageIds)).stream().map(MessageView::of).toList();
    }

    /**
     * Up to {@code limit} conversation ids after {@code after} (null: from the first), in id order: for Parley's
     * own passes over every conversation (rebuilding the search index); a person's viewer is refused.
     */
    public List<UUID> conversationIdsAfter(Viewer viewer, UUID after, int limit) {
        viewer.requireParley("walk every conversation");
        var query = em.createQuery("select c.id from Conversation c" + (after == null ? "" : " where c.id > :after")
                + " order by c.id", UUID.class);
        if (after != null) {
            query.setParameter("after", after);
        }
        return query.setMaxResults(limit).getResultList();
    }

    /** How many conversations there are, for Parley's own passes over all of them; a person's viewer is refused. */
    public long conversationCount(Viewer viewer) {
        viewer.requireParley("count every conversation");
        return conversations.count();
    }

    /** The customer's conversations the viewer may see, newest activity first. */
    public List<ConversationView> conversationsOf(Viewer viewer, UUID customerId) {
        return conversations.findByCustomerIdOrderByLastActivityAtDesc(customerId).stream()
                .map(ConversationView::withoutTags).filter(c -> access.canSee(viewer, c)).toList();
    }

    /** Every message of the customer's conversations the viewer may see, oldest first. */
    public List<MessageView> timeline(Viewer viewer, UUID customerId) {
        if (viewer.seesAll()) {
            return messages.findTimeline(customerId).stream().map(MessageView::of).toList();
        }
        return visibleMessages(viewer, customerId, "m.occurredAt, m.id", -1).stream().map(MessageView::of).toList();
    }

    /** The newest {@code limit} messages of the timeline the viewer may see, oldest first. */
    public List<MessageView> latestTimeline(Viewer viewer, UUID customerId, int limit) {
        if (viewer.seesAll()) {
            return messages.findLatestOfCustomer(customerId, Limit.of(limit)).stream().map(MessageView::of).toList()
                    .reversed();
        }
        return visibleMessages(viewer, customerId, "m.occurredAt desc, m.id desc", limit).stream()
                .map(MessageView::of).toList().reversed();
    }

    public long timelineSize(Viewer viewer, UUID customerId) {
        if (viewer.seesAll()) {
            return messages.countByCustomerId(customerId);
        }
        TypedQuery<Long> query = em.createQuery("select count(m) from Message m join Conversation c on c.id = "
                + "m.conversationId where m.customerId = :customerId" + ConversationAccess.jpql(viewer, "c"), Long.class);
        query.setParameter("customerId", customerId);
        ConversationAccess.bind(query, viewer);
        return query.getSingleResult();
    }

    private List<Message> visibleMessages(Viewer viewer, UUID customerId, String order, int limit) {
        TypedQuery<Message> query = em.createQuery("select m from Message m join Conversation c on c.id = "
                + "m.conversationId where m.customerId = :customerId" + ConversationAccess.jpql(viewer, "c")
                + " order by " + order, Message.class);
        query.setParameter("customerId", customerId);
        ConversationAccess.bind(query, viewer);
        if (limit > 0) {
            query.setMaxResults(limit);
        }
        return query.getResultList();
    }

    /** A reply by the viewer (who must be an agent) to a conversation they may see. */
    @Transactional
    public MessageView reply(Viewer viewer, UUID conversationId, Channel channel, String text, boolean resolve) {
        requireNotMerged(visible(viewer, conversationId));
        return replyAs(viewer, conversationId, viewer.agentId(), channel, text, resolve, Instant.now());
    }

    /** An internal note by the viewer on a conversation they may see. */
    @Transactional
    public MessageView addNote(Viewer viewer, UUID conversationId, String text) {
        requireNotMerged(visible(viewer, conversationId));
        return noteAs(conversationId, viewer.agentId(), text, Instant.now());
    }

    @Transactional
    public ConversationView assign(Viewer viewer, UUID conversationId, UUID agentId) {
        visible(viewer, conversationId);
        ConversationView assigned = assignAs(viewer, conversationId, agentId);
        if (agentId != null && agentId.equals(viewer.agentId())) {
            // taking it while looking at it: nothing in it is new to them
            load(conversationId).readBy(agentId, Instant.now());
        }
        return assigned;
    }

    /**
     * The viewer opened the conversation: if they are its assignee and it was unread, it is read now. Answers
     * whether it was unread. Written without the version check (an update of its own), so that opening a
     * conversation never collides with someone changing it at the same moment.
     */
    @Transactional
    public boolean markRead(Viewer viewer, UUID conversationId) {
        Conversation c = visible(viewer, conversationId);
        if (viewer.agentId() == null || !viewer.agentId().equals(c.getAssigneeId()) || !c.isUnread()) {
            return false;
        }
        boolean read = em.createQuery("update Conversation c set c.assigneeReadAt = :now where c.id = :id"
                + " and c.assigneeId = :agent").setParameter("now", Instant.now()).setParameter("id", conversationId)
                .setParameter("agent", viewer.agentId()).executeUpdate() > 0;
        if (read) {
            commits.advanceAfterCommit(); // the shared queue pages show the unread mark
        }
        return read;
    }

    @Transactional
    public ConversationView moveToTeam(Viewer viewer, UUID conversationId, UUID teamId) {
        visible(viewer, conversationId);
        return moveToTeamAs(viewer, conversationId, teamId);
    }

    @Transactional
    public ConversationView setStatus(Viewer viewer, UUID conversationId, ConversationStatus status) {
        visible(viewer, conversationId);
        return setStatusAs(viewer, conversationId, status, Instant.now());
    }

    @Transactional
    public ConversationView setPriority(Viewer viewer, UUID conversationId, Priority priority) {
        visible(viewer, conversationId);
        return setPriorityAs(viewer, conversationId, priority);
    }

    @Transactional
    public ConversationView setTags(Viewer viewer, UUID conversationId, Collection<String> tags) {
        visible(viewer, conversationId);
        return setTagsAs(viewer, conversationId, tags);
    }

    /** Adds and removes tags and keeps the others (what a routing rule's tag actions do), in one read. */
    @Transactional
    public ConversationView retag(Viewer viewer, UUID conversationId, Collection<String> add,
            Collection<String> remove) {
        Set<String> tags = new TreeSet<>(visible(viewer, conversationId).getTags());
        tags.addAll(add);
        tags.removeAll(remove);
        return setTagsAs(viewer, conversationId, tags);
    }

    /**
     * An automatic answer written as {@code authorAgentId} (routing's system agent): stored and sent like a
     * reply, but it is not an agent's answer, so the conversation keeps its status and assignee.
     */
    @Transactional
    public MessageView autoReply(Viewer viewer, UUID conversationId, UUID authorAgentId, String text) {
        requireSystem(viewer, "send an auto-reply");
        Conversation conversation = visible(viewer, conversationId);
        String body = requireText(text, "auto-reply");
        Agent author = agent(authorAgentId);
        Instant at = Instant.now();
        Message message = outbound(conversation, conversation.getChannel(), author, body, at);
        events.publish(new AgentReplied(message.getId(), conversation.getId(), conversation.getCustomerId(),
                author.getId(), message.getChannel(), at, viewer.origin()));
        events.publish(new ReplyQueued(message.getId(), conversation.getId(), message.getChannel()));
        return MessageView.of(message);
    }

    private ConversationView view(UUID id) {
        return ConversationView.of(conversations.findWithTags(id)
                .orElseThrow(() -> new NotFoundException("conversation " + id)));
    }

    /** The customer a (possibly merged) customer id now stands for; 404 for an unknown id. */
    public UUID survivingCustomer(Viewer viewer, UUID customerId) {
        return customers.survivorOf(customerId);
    }

    /** The channel's own thread id of the conversation (a direct message's starts with "dm:"), if any. */
    public Optional<String> threadKeyOf(Viewer viewer, UUID conversationId) {
        return Optional.ofNullable(visible(viewer, conversationId).getThreadKey());
    }

    /** The customer's latest direct-message conversation on the channel that is not closed and the viewer sees. */
    public Optional<ConversationView> privateThreadOf(Viewer viewer, UUID customerId, Channel channel) {
        return conversations.findByCustomerIdOrderByLastActivityAtDesc(customerId).stream()
                .filter(c -> c.getChannel() == channel && c.getStatus() != ConversationStatus.CLOSED
                        && c.getThreadKey() != null && !channel.isPublicThread(c.getThreadKey()))
                .map(ConversationView::of).filter(c -> access.canSee(viewer, c)).findFirst();
    }

    /**
     * A reply to the customer; it waits in the outbox as QUEUED until a channel delivers it. The
     * conversation goes to PENDING (waiting for the customer), or to RESOLVED when {@code resolve}.
     */
    /**
     * A reply written by {@code authorAgentId} at a given time: for imports of earlier conversations, demo data
     * and integrations that act for an agent. An agent viewer may only write as themselves.
     */
    @Transactional
    public MessageView replyAt(Viewer viewer, UUID conversationId, UUID authorAgentId, Channel channel, String text,
            boolean resolve, Instant at) {
        requireNotMerged(visible(viewer, conversationId));
        requireSelf(viewer, authorAgentId);
        return replyAs(viewer, conversationId, authorAgentId, channel, text, resolve, at);
    }

    private MessageView replyAs(Viewer viewer, UUID conversationId, UUID agentId, Channel channel, String text,
            boolean resolve, Instant at) {
        String body = requireText(text, "reply");
        Conversation conversation = load(conversationId);
        Agent agent = agent(agentId);
        Channel via = channel == null ? conversation.getChannel() : channel;
        if (via != conversation.getChannel()
                && customers.get(conversation.getCustomerId()).identityFor(via).isEmpty()) {
            throw new InvalidInputException("the customer has no " + via.label() + " identity to reply to");
        }
        Optional<String> closed = windowRefusal(conversation.getCustomerId(), via, at);
        if (closed.isPresent()) {
            throw new InvalidInputException(closed.get());
        }
        Message message = outbound(conversation, via, agent, body, at);
        List<Change> changes = new java.util.ArrayList<>();
        if (conversation.getAssigneeId() == null) {
            conversation.assignTo(agent.getId());
            changes.add(new Assigned(null, agent.getId()));
        }
        conversation.readBy(agent.getId(), at);
        ConversationStatus before = conversation.getStatus();
        conversation.changeStatus(resolve ? ConversationStatus.RESOLVED
                : before == ConversationStatus.OPEN ? ConversationStatus.PENDING : before, at);
        if (conversation.getStatus() != before) {
            changes.add(new StatusChanged(before, conversation.getStatus()));
        }
        events.publish(new AgentReplied(message.getId(), conversation.getId(), conversation.getCustomerId(),
                agent.getId(), via, at, viewer.origin()));
        changed(conversation, viewer, agent.getId(), changes, at);
        events.publish(new ReplyQueued(message.getId(), conversation.getId(), via));
        return MessageView.of(message);
    }

    /** WhatsApp's customer-service window: free-form replies only this long after the customer's last message. */
    public static final java.time.Duration WHATSAPP_WINDOW = java.time.Duration.ofHours(24);

    /**
     * Why a free-form reply on {@code via} may not be sent now, if it may not: on WhatsApp when the customer's
     * last WhatsApp message is more than 24 hours old (or they never wrote on WhatsApp). For the composer's hint;
     * a reply is refused with the same reason.
     */
    public Optional<String> replyWindowRefusal(Viewer viewer, UUID conversationId, Channel via) {
        Conversation conversation = visible(viewer, conversationId);
        return windowRefusal(conversation.getCustomerId(), via == null ? conversation.getChannel() : via,
                Instant.now());
    }

    private Optional<String> windowRefusal(UUID customerId, Channel via, Instant at) {
        if (via != Channel.WHATSAPP) {
            return Optional.empty();
        }
        // a little slack: the customer's message carries WhatsApp's clock, the reply this server's
        Instant last = messages.latestInboundAt(customerId, via, at.plus(java.time.Duration.ofMinutes(5)));
        if (last != null && !last.plus(WHATSAPP_WINDOW).isBefore(at)) {
            return Optional.empty();
        }
        String when = last == null ? "The customer has not written on WhatsApp yet"
                : "The customer last wrote " + ago(java.time.Duration.between(last, at));
        return Optional.of(when + ": WhatsApp allows only template messages outside 24 hours");
    }

    private static String ago(java.time.Duration d) {
        long hours = d.toHours();
        if (hours < 48) {
            return hours + " hours ago";
        }
        long days = d.toDays();
        return days + " days ago";
    }

    /** Stores an outbound message in the outbox, answering the customer's latest message on that channel. */
    private Message outbound(Conversation conversation, Channel via, Agent agent, String body, Instant at) {
        String replyTo = messages.findLatestInbound(conversation.getId(), Limit.of(1)).stream()
                .filter(m -> m.getChannel() == via).map(Message::getExternalId).findFirst().orElse(null);
        Message message = Message.outbound(conversation, via, agent.getId(), agent.getDisplayName(), body, replyTo,
                at);
        if (via == conversation.getChannel()) {
            message.setSourceAccount(conversation.getSourceAccount());
        }
        messages.save(message);
        conversation.record(message);
        return message;
    }

    /**
     * A phone call to the customer (logged by an agent or reported by a telephony system): stored as an
     * outbound PHONE message without a delivery status, so no outbox ever sends it. It joins the customer's
     * active phone conversation within the threading window, else starts one. Idempotent on the external id.
     */
    @Transactional
    public MessageView recordOutboundCall(Viewer viewer, UUID customerId, UUID agentId, String authorName,
            String externalId, String text, Instant at) {
        if (agentId != null) {
            requireSelf(viewer, agentId);
        }
        String body = requireText(text, "call record");
        if (externalId != null) {
            Optional<Message> earlier = messages.findByChannelAndExternalId(Channel.PHONE, externalId);
            if (earlier.isPresent()) {
                return MessageView.of(earlier.get());
            }
        }
        UUID customer = customers.survivorOf(customerId);
        Conversation conversation = conversations.findActiveOfCustomer(customer, Channel.PHONE,
                at.minus(threading.window()), Limit.of(1)).stream().findFirst()
                .orElseGet(() -> conversations.save(new Conversation(customer, Channel.PHONE,
                        subjectFor(null, body), null, at, null)));
        Message message = Message.outboundCall(conversation, agentId, authorName, body, externalId, at);
        messages.save(message);
        boolean started = conversation.getMessageCount() == 0;
        conversation.record(message);
        events.publish(new CallLogged(message.getId(), conversation.getId(), conversation.getCustomerId(), agentId,
                started, at));
        return MessageView.of(message);
    }

    /** Replaces the text of a phone call's record as later call events arrive; other messages stay as they are. */
    @Transactional
    public MessageView amendCallRecord(Viewer viewer, UUID messageId, String text) {
        String body = requireText(text, "call record");
        Message message = messages.findById(messageId).orElseThrow(() -> new NotFoundException("message " + messageId));
        get(viewer, message.getConversationId());
        if (message.getChannel() != Channel.PHONE) {
            throw new InvalidInputException("only a phone call's record can be amended");
        }
        message.amendCallText(body);
        return MessageView.of(message);
    }

    /** An internal note: agents see it in the timeline, the customer never does. */
    /** A note by {@code authorAgentId} at a given time: for imports and demo data (an agent writes as themselves). */
    @Transactional
    public MessageView addNoteAt(Viewer viewer, UUID conversationId, UUID authorAgentId, String text, Instant at) {
        visible(viewer, conversationId);
        requireSelf(viewer, authorAgentId);
        return noteAs(conversationId, authorAgentId, text, at);
    }

    private MessageView noteAs(UUID conversationId, UUID agentId, String text, Instant at) {
        String body = requireText(text, "note");
        Conversation conversation = load(conversationId);
        Agent agent = agent(agentId);
        Message message = Message.note(conversation, agent.getId(), agent.getDisplayName(), body, at);
        messages.save(message);
        conversation.record(message);
        conversation.readBy(agent.getId(), at);
        events.publish(new NoteAdded(message.getId(), conversation.getId(), conversation.getCustomerId(),
                agent.getId(), agent.getDisplayName(), body, at));
        return MessageView.of(message);
    }

    /**
     * A note written by Parley itself (routing decisions, SLA escalations), shown in the timeline under
     * {@code author}; its {@link NoteAdded} has no agent, so it never triggers routing or mentions.
     */
    @Transactional
    public MessageView addSystemNote(Viewer viewer, UUID conversationId, String author, String text, Instant at) {
        requireSystem(viewer, "write a note in Parley's name");
        String body = requireText(text, "note");
        Conversation conversation = load(conversationId);
        Message message = Message.note(conversation, null, author, body, at);
        messages.save(message);
        conversation.record(message);
        events.publish(new NoteAdded(message.getId(), conversation.getId(), conversation.getCustomerId(), null,
                author, body, at));
        return MessageView.of(message);
    }

    /** The customer's latest message in the conversation (for routing conditions on subject, body, sender). */
    public Optional<MessageView> latestInbound(Viewer viewer, UUID conversationId) {
        visible(viewer, conversationId);
        return messages.findLatestInbound(conversationId, Limit.of(1)).stream().findFirst().map(MessageView::of);
    }

    /**
     * The latest customer message of each of these conversations the viewer may see, in one query (two for a viewer
     * who does not see everything): what {@link #latestInbound} answers for each; none for a conversation without.
     */
    public Map<UUID, MessageView> latestInboundOf(Viewer viewer, Collection<UUID> conversationIds) {
        Set<UUID> ids = visibleIds(viewer, conversationIds);
        if (ids.isEmpty()) {
            return Map.of();
        }
        Map<UUID, Message> latest = new HashMap<>();
        for (Message m : messages.findLatestInboundOf(ids)) {
            // the same order as findLatestInbound: the latest time, then the greatest id as the database orders it
            latest.merge(m.getConversationId(), m, (a, b) -> unsignedCompare(a.getId(), b.getId()) >= 0 ? a : b);
        }
        Map<UUID, MessageView> views = new HashMap<>();
        latest.forEach((id, m) -> views.put(id, MessageView.of(m)));
        return views;
    }

    /** Those of the ids the viewer may see, without reading the conversations for one who sees everything. */
    private Set<UUID> visibleIds(Viewer viewer, Collection<UUID> conversationIds) {
        return viewer.seesAll() ? Set.copyOf(conversationIds)
                : findAll(viewer, conversationIds).stream().map(ConversationView::id).collect(Collectors.toSet());
    }

    private static int unsignedCompare(UUID a, UUID b) {
        int high = Long.compareUnsigned(a.getMostSignificantBits(), b.getMostSignificantBits());
        return high != 0 ? high : Long.compareUnsigned(a.getLeastSignificantBits(), b.getLeastSignificantBits());
    }

    private ConversationView assignAs(Viewer viewer, UUID conversationId, UUID agentId) {
        Conversation conversation = load(conversationId);
        if (agentId != null) {
            Agent agent = agent(agentId);
            if (!agent.isActive()) {
                throw new InvalidInputException(agent.getDisplayName() + " is not an active agent");
            }
        }
        UUID before = conversation.getAssigneeId();
        conversation.assignTo(agentId);
        audit.record("conversation.assigned", "conversation", conversationId,
                agentId == null ? "unassigned" : "assignee " + agentId);
        if (!java.util.Objects.equals(before, agentId)) {
            changed(conversation, viewer, new Assigned(before, agentId));
        }
        return ConversationView.of(conversation);
    }

    private ConversationView moveToTeamAs(Viewer viewer, UUID conversationId, UUID teamId) {
        Conversation conversation = load(conversationId);
        if (teamId != null && team.findTeam(teamId).isEmpty()) {
            throw new InvalidInputException("unknown team " + teamId);
        }
        UUID before = conversation.getTeamId();
        conversation.moveToTeam(teamId);
        audit.record("conversation.team", "conversation", conversationId, teamId == null ? "no team" : "team " + teamId);
        if (!java.util.Objects.equals(before, teamId)) {
            changed(conversation, viewer, new TeamChanged(before, teamId));
        }
        return ConversationView.of(conversation);
    }

    /** A status change at a given time: for imports of earlier conversations and for tests on a moved clock. */
    @Transactional
    public ConversationView setStatusAt(Viewer viewer, UUID conversationId, ConversationStatus status, Instant at) {
        visible(viewer, conversationId);
        return setStatusAs(viewer, conversationId, status, at);
    }

    private ConversationView setStatusAs(Viewer viewer, UUID conversationId, ConversationStatus status, Instant at) {
        if (status == null) {
            throw new InvalidInputException("status is required");
        }
        Conversation conversation = load(conversationId);
        ConversationStatus before = conversation.getStatus();
        conversation.changeStatus(status, at);
        audit.record("conversation.status", "conversation", conversationId, before + " -> " + status);
        if (before != conversation.getStatus()) {
            changed(conversation, viewer, viewer.agentId(), List.of(new StatusChanged(before, conversation.getStatus())),
                    at);
        }
        return ConversationView.of(conversation);
    }

    private ConversationView setPriorityAs(Viewer viewer, UUID conversationId, Priority priority) {
        if (priority == null) {
            throw new InvalidInputException("priority is required");
        }
        Conversation conversation = load(conversationId);
        Priority before = conversation.getPriority();
        conversation.changePriority(priority);
        audit.record("conversation.priority", "conversation", conversationId, before + " -> " + priority);
        if (before != priority) {
            changed(conversation, viewer, new PriorityChanged(before, priority));
        }
        return ConversationView.of(conversation);
    }

    private ConversationView setTagsAs(Viewer viewer, UUID conversationId, Collection<String> tags) {
        Set<String> clean = new TreeSet<>();
        for (String tag : tags) {
            String t = tag == null ? "" : tag.strip().toLowerCase(Locale.ROOT);
            if (t.isEmpty()) {
                continue;
            }
            if (t.length() > MAX_TAG || !t.matches("[\\p{L}\\p{N} _.-]+")) {
                throw new InvalidInputException("tag '" + tag + "' must be 1-60 letters, digits, spaces, '_', '.' or '-'");
            }
            clean.add(t);
        }
        // callers read the conversation (with its tags) just before: this finds it in the persistence context
        Conversation conversation = load(conversationId);
        Set<String> before = new TreeSet<>(conversation.getTags());
        conversation.replaceTags(clean);
        if (!before.equals(clean)) {
            audit.record("conversation.tags", "conversation", conversationId, before + " -> " + clean);
            changed(conversation, viewer, new TagsChanged(before, clean));
        }
        return ConversationView.of(conversation);
    }

    private void changed(Conversation conversation, Viewer viewer, Change change) {
        changed(conversation, viewer, viewer.agentId(), List.of(change), Instant.now());
    }

    private void changed(Conversation conversation, Viewer viewer, UUID actorId, List<Change> changes, Instant at) {
        if (changes.isEmpty()) {
            return;
        }
        events.publish(new ConversationChanged(conversation.getId(), conversation.getCustomerId(), viewer.origin(),
                viewer.origin() == Origin.AGENT ? actorId : null, changes, at));
    }

    /** A merged conversation is a pointer: replies, notes and changes go to the one it was merged into. */
    private static void requireNotMerged(Conversation conversation) {
        if (conversation.getMergedInto() != null) {
            throw new InvalidInputException("conversation " + conversation.getId() + " was merged into "
                    + conversation.getMergedInto() + ": work there, or undo the merge");
        }
    }

    /** Parley's own work only (ingestion, routing, SLA notes): never an agent or a token. */
    private static void requireSystem(Viewer viewer, String what) {
        if (viewer.origin() == Origin.AGENT) {
            throw new org.springframework.security.access.AccessDeniedException("only Parley itself may " + what);
        }
    }

    /** An agent acts as themselves; Parley's own work may act for any agent. */
    private static void requireSelf(Viewer viewer, UUID authorAgentId) {
        if (viewer.origin() == Origin.AGENT && !java.util.Objects.equals(viewer.agentId(), authorAgentId)) {
            throw new org.springframework.security.access.AccessDeniedException("an agent writes as themselves");
        }
    }

    private Conversation load(UUID id) {
        return conversations.findById(id).orElseThrow(() -> new NotFoundException("conversation " + id));
    }

    /**
     * The conversation the viewer acts on or reads from, "not found" when they may not see it — the rule of
     * {@link #get}, read through the persistence context: a transaction that holds the conversation already (a
     * routing run over a handout, a change after a read) neither queries nor flushes for the check.
     */
    private Conversation visible(Viewer viewer, UUID id) {
        Conversation conversation = load(id);
        if (!access.canSee(viewer, conversation.getTeamId(), conversation.getAssigneeId())) {
            throw new NotFoundException("conversation " + id);
        }
        return conversation;
    }

    /**
     * Several fields of a conversation changed at once, as one unit (one {@link ConversationChanged}, one
     * push, one SLA recompute), by the same rules and audit as the single changes — if the conversation is still
     * at {@code expectedVersion}.
     *
     * @throws VersionConflict the conversation changed since the caller read it (it carries the current state);
     *         a change committed by someone else while this one runs fails the commit the same way
     */
    @Transactional
    public ConversationView update(Viewer viewer, UUID conversationId, long expectedVersion, ConversationUpdate update) {
        ConversationView current = get(viewer, conversationId);
        if (current.version() == null || current.version() != expectedVersion) {
            throw new VersionConflict(current);
        }
        requireNotMerged(load(conversationId));
        if (update.assigneeGiven()) {
            assignAs(viewer, conversationId, update.assigneeId());
        }
        if (update.teamGiven()) {
            moveToTeamAs(viewer, conversationId, update.teamId());
        }
        if (update.status() != null) {
            setStatusAs(viewer, conversationId, update.status(), Instant.now());
        }
        if (update.priority() != null) {
            setPriorityAs(viewer, conversationId, update.priority());
        }
        if (update.tags() != null) {
            setTagsAs(viewer, conversationId, update.tags());
        }
        em.flush(); // the version check of the row happens here, inside the caller's request
        return view(conversationId);
    }

    private Agent agent(UUID agentId) {
        if (agentId == null) {
            throw new InvalidInputException("agent is required");
        }
        return team.findAgent(agentId).orElseThrow(() -> new InvalidInputException("unknown agent " + agentId));
    }

    private static String requireText(String text, String what) {
        if (text == null || text.isBlank()) {
            throw new InvalidInputException("the " + what + " is empty");
        }
        if (text.length() > MAX_TEXT) {
            throw new InvalidInputException("the " + what + " is longer than " + MAX_TEXT + " characters");
        }
        return text.strip();
    }

    private static String subjectFor(String subject, String text) {
        if (subject != null && !subject.isBlank()) {
            String s = subject.strip();
            return s.length() > 300 ? s.substring(0, 299) + "…" : s;
        }
        return Message.snippetOf(text, 80);
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
