package org.parley.conversation.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.ComponentUtil;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.parley.base.ui.Ages;
import org.parley.base.ui.ChannelIcons;
import com.vaadin.flow.function.SerializableSupplier;
import org.parley.conversation.ConversationAccess.Viewer;
import org.parley.conversation.ConversationService;
import org.parley.conversation.ConversationView;
import org.parley.conversation.Direction;
import org.parley.conversation.MessageAttachments;
import org.parley.conversation.MessageView;
import org.parley.conversation.TimelinePages;

/**
 * A customer's timeline: every message of all the customer's conversations, oldest at the top,
 * with a marker wherever the conversation changes. Shows the newest {@value #PAGE} messages and
 * loads earlier ones on demand; keeps only the ids it needs, not the messages.
 */
public class TimelinePanel extends Div {

    static final int PAGE = 200;
    private static final String KEY = "timeline-key";

    private final transient ConversationService conversations;
    private final transient TimelinePages pages;
    private final SerializableSupplier<Viewer> viewer;
    private final Button earlier = new Button("Show earlier");
    private final Div messages = new Div();
    /** Read by live updates outside the screen's lock (is this update about what the screen shows?). */
    private volatile UUID customerId;
    private UUID selectedConversationId;
    private int shown = PAGE;
    private boolean readOnly;
    private Consumer<UUID> conversationClicked = id -> {
    };

    /** Shows only what {@code viewer} may see: messages of conversations hidden from them never load. */
    public TimelinePanel(ConversationService conversations, TimelinePages pages, SerializableSupplier<Viewer> viewer) {
        this.conversations = conversations;
        this.pages = pages;
        this.viewer = viewer;
        setId("timeline");
        addClassName("timeline");
        earlier.setId("timeline-earlier");
        earlier.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
        earlier.setIcon(VaadinIcon.ANGLE_DOUBLE_UP.create());
        earlier.addClickListener(e -> {
            shown += PAGE;
            render(conversations.conversationsOf(viewer.get(), customerId), false);
        });
        earlier.setVisible(false);
        messages.addClassName("timeline-messages");
        add(earlier, messages);
    }

    /** Shows the timeline without actions (no retry of a failed reply), e.g. for a read-only viewer. */
    public void setReadOnly(boolean readOnly) {
        this.readOnly = readOnly;
    }

    /** Called with a conversation id when the agent clicks a conversation marker. */
    public void onConversationClicked(Consumer<UUID> listener) {
        this.conversationClicked = listener;
    }

    /** Shows a customer's timeline with one conversation highlighted (may be null). */
    public void show(UUID customerId, List<ConversationView> ofCustomer, UUID selectedConversationId) {
        this.customerId = customerId;
        this.selectedConversationId = selectedConversationId;
        this.shown = PAGE;
        render(ofCustomer, true);
    }

    /** Reloads the current customer's timeline, e.g. after a reply. */
    public void reload() {
        if (customerId != null) {
            render(conversations.conversationsOf(viewer.get(), customerId), true);
        }
    }

    public void clear() {
        customerId = null;
        selectedConversationId = null;
        messages.removeAll();
        earlier.setVisible(false);
    }

    /** Moves the highlight to another conversation without reloading. */
    public void select(UUID conversationId) {
        this.selectedConversationId = conversationId;
        messages.getChildren().forEach(c -> {
            String of = c.getElement().getAttribute("data-conversation");
            c.getElement().getClassList().set("selected", of != null && of.equals(String.valueOf(conversationId)));
        });
    }

    public UUID customerId() {
        return customerId;
    }

    /**
     * Brings the shown messages up to date. Components whose message (or marker) did not change are kept: a
     * live update that brings one new message adds one message to the page instead of sending the whole
     * timeline again to every screen that shows it.
     */
    private void render(List<ConversationView> ofCustomer, boolean scrollToNewest) {
        Map<UUID, ConversationView> byId = ofCustomer.stream()
                .collect(Collectors.toMap(ConversationView::id, Function.identity(), (a, b) -> a));
        Viewer v = viewer.get();
        // shared with every screen showing this customer
        TimelinePages.Page page = pages.latest(v, customerId, shown);
        List<MessageView> latest = page.messages();
        long hidden = page.total() - latest.size();
        earlier.setVisible(hidden > 0);
        earlier.setText("Show earlier (" + hidden + " more)");

        List<Entry> wanted = new ArrayList<>();
        if (latest.isEmpty()) {
            wanted.add(new Entry("empty", () -> {
                Div empty = new Div("No messages yet.");
                empty.addClassName("timeline-empty");
                return empty;
            }));
        }
        UUID current = null;
        for (MessageView m : latest) {
            if (!m.conversationId().equals(current)) {
                current = m.conversationId();
                ConversationView conversation = byId.get(current);
                UUID conversationId = current;
                wanted.add(new Entry(markerKey(conversation, conversationId, m.id()), () -> marker(conversation, conversationId)));
            }
            wanted.add(new Entry(messageKey(m), () -> message(m)));
        }
        Set<String> added = patch(wanted);
        // attachments only for the messages just added
        List<MessageView> fresh = latest.stream().filter(m -> added.contains(messageKey(m))).toList();
        if (!fresh.isEmpty()) {
            Map<UUID, List<MessageAttachments.AttachmentView>> files = AttachmentList.load(fresh);
            Map<String, UUID> idByKey = new HashMap<>();
            fresh.forEach(m -> idByKey.put(messageKey(m), m.id()));
            messages.getChildren().forEach(c -> {
                UUID id = idByKey.get(keyOf(c));
                if (id != null && c instanceof Div item) {
                    AttachmentList.append(item, files.get(id));
                }
            });
        }
        select(selectedConversationId);
        if (scrollToNewest) {
            getElement().executeJs("requestAnimationFrame(() => { this.scrollTop = this.scrollHeight; })");
        }
    }

    /**
     * Makes the children of {@code messages} the wanted entries, in order: removes what is no longer wanted,
     * keeps what is, creates the rest in place. Answers the keys it created.
     */
    private Set<String> patch(List<Entry> wanted) {
        Set<String> wantedKeys = wanted.stream().map(Entry::key).collect(Collectors.toSet());
        Set<String> seen = new HashSet<>();
        messages.getChildren().toList().forEach(child -> {
            if (!wantedKeys.contains(keyOf(child)) || !seen.add(keyOf(child))) {
                messages.remove(child);
            }
        });
        List<String> keptKeys = messages.getChildren().map(TimelinePanel::keyOf).toList();
        List<String> wantedOrder = wanted.stream().map(Entry::key).filter(seen::contains).toList();
        if (!keptKeys.equals(wantedOrder)) {
            // an order a patch cannot express (not expected: the timeline is chronological)
            messages.removeAll();
            keptKeys = List.of();
        }
        Set<String> added = new HashSet<>();
        int k = 0;
        for (int i = 0; i < wanted.size(); i++) {
            Entry entry = wanted.get(i);
            if (k < keptKeys.size() && entry.key().equals(keptKeys.get(k))) {
                k++;
                continue;
            }
            Component component = entry.create().get();
            ComponentUtil.setData(component, KEY, entry.key());
            messages.addComponentAtIndex(i, component);
            added.add(entry.key());
        }
        return added;
    }

    private record Entry(String key, SerializableSupplier<Component> create) {
    }

    private static String keyOf(Component child) {
        Object key = ComponentUtil.getData(child, KEY);
        return key == null ? "" : key.toString();
    }

    /** Changes whenever what the marker shows changes; unique, since a marker leads the message after it. */
    private static String markerKey(ConversationView conversation, UUID conversationId, UUID firstMessageId) {
        return "c:" + conversationId + ":" + firstMessageId + (conversation == null ? ""
                : ":" + conversation.status() + ":" + conversation.channel() + ":" + Objects.hashCode(conversation.subject()));
    }

    /** Changes whenever what the message shows changes (delivery, amended or erased text). */
    private static String messageKey(MessageView m) {
        return "m:" + m.id() + ":" + m.deliveryStatus() + ":" + m.deliveryAttempts() + ":"
                + Objects.hash(m.deliveryError(), m.text(), m.html(), m.subject(), m.authorName());
    }

    private Div marker(ConversationView conversation, UUID conversationId) {
        Div marker = new Div();
        marker.addClassName("conversation-marker");
        marker.getElement().setAttribute("data-conversation", conversationId.toString());
        marker.getElement().getClassList().set("selected", conversationId.equals(selectedConversationId));
        if (conversation != null) {
            Span subject = new Span(conversation.subject() == null ? "(no subject)" : conversation.subject());
            subject.addClassName("marker-subject");
            Span status = new Span(label(conversation.status().name()));
            status.addClassNames("status", "status-" + conversation.status().name().toLowerCase(Locale.ROOT));
            marker.add(ChannelIcons.icon(conversation.channel()), new Span("Conversation"), subject, status);
        } else {
            marker.add(new Span("Conversation"));
        }
        marker.getElement().setAttribute("title", "Select this conversation");
        marker.addClickListener(e -> conversationClicked.accept(conversationId));
        return marker;
    }

    private Div message(MessageView m) {
        Div item = new Div();
        item.addClassNames("timeline-message", m.direction().name().toLowerCase(Locale.ROOT));
        if (m.direction() == Direction.OUTBOUND && m.deliveryStatus() == org.parley.conversation.DeliveryStatus.FAILED) {
            // the customer never got this: it must not look like an answer
            item.addClassName("not-delivered");
        }
        item.getElement().setAttribute("data-conversation", m.conversationId().toString());
        item.getElement().getClassList().set("selected", m.conversationId().equals(selectedConversationId));

        Div head = new Div();
        head.addClassName("message-head");
        if (m.direction() == Direction.NOTE) {
            Span note = new Span("Internal note");
            note.addClassName("note-label");
            head.add(note);
        } else {
            head.add(ChannelIcons.badge(m.channel()));
        }
        Span author = new Span(m.authorName() == null ? "" : m.authorName());
        author.addClassName("message-author");
        Span direction = new Span(switch (m.direction()) {
            case INBOUND -> "from customer";
            case OUTBOUND -> "reply";
            case NOTE -> "";
        });
        direction.addClassName("message-direction");
        Span time = new Span(Ages.dateTime(m.occurredAt()));
        time.addClassName("message-time");
        time.getElement().setAttribute("title", Ages.age(m.occurredAt()) + " ago");
        head.add(author, direction, time);
        if (m.direction() == Direction.OUTBOUND && m.deliveryStatus() != null) {
            Span delivery = new Span(label(m.deliveryStatus().name()));
            delivery.addClassNames("delivery", "delivery-" + m.deliveryStatus().name().toLowerCase(Locale.ROOT));
            head.add(delivery);
            head.add(DeliveryDetails.of(m, readOnly ? null : this::reload));
        }
        item.add(head);
        if (m.subject() != null && !m.subject().isBlank()) {
            Div subject = new Div(m.subject());
            subject.addClassName("message-subject");
            item.add(subject);
        }
        Div body = new Div();
        body.addClassName("message-body");
        if (m.html() != null && !m.html().isBlank()) {
            // sanitised with jsoup's safelist when the message was stored
            body.getElement().setProperty("innerHTML", m.html());
            body.addClassName("html");
        } else {
            body.setText(m.text() == null ? "" : m.text());
            body.addClassName("plain");
        }
        item.add(body);
        return item;
    }

    static String label(String enumName) {
        String lower = enumName.toLowerCase(Locale.ROOT).replace('_', ' ');
        return Character.toUpperCase(lower.charAt(0)) + lower.substring(1);
    }
}
