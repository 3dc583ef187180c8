package org.parley.conversation.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import java.util.List;
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

/**
 * A customer's timeline: every message of all the customer's conversations, oldest at the top,
 * with a marker wherever the conversation changes. Shows the newest {@value #PAGE} messages and
 * loads earlier ones on demand; keeps only the ids it needs, not the messages.
 */
public class TimelinePanel extends Div {

    static final int PAGE = 200;

    private final transient ConversationService conversations;
    private final SerializableSupplier<Viewer> viewer;
    private final Button earlier = new Button("Show earlier");
    private final Div messages = new Div();
    private UUID customerId;
    private UUID selectedConversationId;
    private int shown = PAGE;
    private Consumer<UUID> conversationClicked = id -> {
    };

    /** Shows only what {@code viewer} may see: messages of conversations hidden from them never load. */
    public TimelinePanel(ConversationService conversations, SerializableSupplier<Viewer> viewer) {
        this.conversations = conversations;
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

    private void render(List<ConversationView> ofCustomer, boolean scrollToNewest) {
        messages.removeAll();
        Map<UUID, ConversationView> byId = ofCustomer.stream()
                .collect(Collectors.toMap(ConversationView::id, Function.identity(), (a, b) -> a));
        Viewer v = viewer.get();
        List<MessageView> latest = conversations.latestTimeline(v, customerId, shown);
        long total = conversations.timelineSize(v, customerId);
        long hidden = total - latest.size();
        earlier.setVisible(hidden > 0);
        earlier.setText("Show earlier (" + hidden + " more)");
        if (latest.isEmpty()) {
            Div empty = new Div("No messages yet.");
            empty.addClassName("timeline-empty");
            messages.add(empty);
        }
        UUID current = null;
        Map<UUID, List<MessageAttachments.AttachmentView>> files = AttachmentList.load(latest);
        for (MessageView m : latest) {
            if (!m.conversationId().equals(current)) {
                current = m.conversationId();
                messages.add(marker(byId.get(current), current));
            }
            Div item = message(m);
            AttachmentList.append(item, files.get(m.id()));
            messages.add(item);
        }
        if (scrollToNewest) {
            getElement().executeJs("requestAnimationFrame(() => { this.scrollTop = this.scrollHeight; })");
        }
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
            head.add(DeliveryDetails.of(m, this::reload));
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
