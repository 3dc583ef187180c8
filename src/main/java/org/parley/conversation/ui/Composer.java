package org.parley.conversation.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.tabs.Tab;
import com.vaadin.flow.component.tabs.Tabs;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.data.value.ValueChangeMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.parley.base.Channel;
import org.parley.base.InvalidInputException;
import org.parley.base.NotFoundException;
import org.parley.base.ui.ChannelIcons;
import org.parley.base.ui.Notifications;
import com.vaadin.flow.function.SerializableSupplier;
import org.parley.conversation.ConversationAccess.Viewer;
import org.parley.conversation.ConversationService;
import org.parley.conversation.ConversationView;
import org.parley.conversation.MessageView;
import org.parley.customer.CustomerProfile;
import org.parley.conversation.ui.extension.ComposerContext;
import org.parley.conversation.ui.extension.ComposerExtension;

/**
 * Writes a reply (on the conversation's channel or another one the customer can be reached on) or
 * an internal note to the selected conversation.
 */
public class Composer extends Div implements ComposerContext {

    /** After a message was stored: the message and whether the conversation was resolved with it. */
    public interface SentListener {
        void sent(MessageView message, boolean resolved);
    }

    private static final Set<Channel> META = EnumSet.of(Channel.FACEBOOK, Channel.INSTAGRAM, Channel.WHATSAPP);

    private final transient ConversationService conversations;
    private final UUID agentId;
    private final SerializableSupplier<Viewer> viewer;
    private final Tab replyTab = new Tab("Reply");
    private final Tab noteTab = new Tab("Internal note");
    private final Tabs mode = new Tabs(replyTab, noteTab);
    private final Select<Channel> channel = new Select<>();
    private final TextArea text = new TextArea();
    private final Span counter = new Span();
    private final Span hint = new Span();
    private final Button send = new Button("Send");
    private final Button sendAndResolve = new Button("Send and resolve");
    private UUID conversationId;
    private Instant lastCustomerMessageAt;
    private ConversationView target;
    private CustomerProfile targetCustomer;
    private String threadKey;
    private SentListener listener = (m, r) -> {
    };
    private final Div tools = new Div();
    private final List<SendGuard> guards = new ArrayList<>();
    private final List<java.util.function.Consumer<MessageView>> sentListeners = new ArrayList<>();
    private final List<java.util.function.Consumer<UUID>> targetListeners = new ArrayList<>();

    public Composer(ConversationService conversations, UUID agentId, SerializableSupplier<Viewer> viewer) {
        this.conversations = conversations;
        this.agentId = agentId;
        this.viewer = viewer;
        setId("composer");
        addClassName("composer");

        mode.setId("composer-mode");
        mode.addThemeVariants(com.vaadin.flow.component.tabs.TabsVariant.LUMO_SMALL);
        mode.addSelectedChangeListener(e -> updateMode());

        channel.setId("reply-channel");
        channel.setAriaLabel("Reply channel");
        channel.setItemLabelGenerator(Channel::label);
        channel.setRenderer(new com.vaadin.flow.data.renderer.ComponentRenderer<>(ChannelIcons::badge));
        channel.addValueChangeListener(e -> updateHints());

        text.setId("reply-text");
        text.setWidthFull();
        text.setMinRows(3);
        text.setMaxRows(12);
        text.setValueChangeMode(ValueChangeMode.LAZY);
        text.setValueChangeTimeout(300);
        text.addValueChangeListener(e -> updateCounter());

        counter.setId("reply-counter");
        counter.addClassName("reply-counter");
        hint.setId("reply-hint");
        hint.addClassName("reply-hint");

        send.setId("send-reply");
        send.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        send.setIcon(VaadinIcon.PAPERPLANE.create());
        send.addClickListener(e -> submit(false));
        sendAndResolve.setId("send-resolve");
        sendAndResolve.addClickListener(e -> submit(true));

        tools.addClassName("composer-tools");
        Div top = new Div(mode, channel, tools);
        top.addClassName("composer-top");
        Div bottom = new Div(hint, counter, sendAndResolve, send);
        bottom.addClassName("composer-bottom");
        add(top, text, bottom);
        clearTarget();
    }

    public void onSent(SentListener listener) {
        this.listener = listener;
    }

    /** Aims the composer at a conversation; the reply channel starts as the conversation's own. */
    public void setTarget(ConversationView conversation, CustomerProfile customer) {
        boolean sameConversation = conversation.id().equals(conversationId);
        this.conversationId = conversation.id();
        this.lastCustomerMessageAt = conversation.lastCustomerMessageAt();
        this.target = conversation;
        this.targetCustomer = customer;
        this.threadKey = conversations.threadKeyOf(Viewer.SYSTEM, conversation.id()).orElse(null);
        List<Channel> channels = new ArrayList<>(customer.reachableChannels());
        if (!channels.contains(conversation.channel())) {
            channels.add(0, conversation.channel());
        }
        Channel before = channel.getValue();
        channel.setItems(channels);
        channel.setValue(sameConversation && before != null && channels.contains(before) ? before
                : conversation.channel());
        if (!sameConversation) {
            text.clear();
        }
        setEnabled(true);
        updateMode();
        if (!sameConversation) {
            // a live refresh of the same conversation keeps the draft and what extensions know of it
            targetListeners.forEach(l -> l.accept(conversationId));
        }
    }

    public void clearTarget() {
        conversationId = null;
        lastCustomerMessageAt = null;
        text.clear();
        setEnabled(false);
        hint.setText("Select a conversation to reply.");
        counter.setText("");
        targetListeners.forEach(l -> l.accept(null));
    }

    /** Puts the cursor into the text field (keyboard shortcut r). */
    public void focusText() {
        if (conversationId != null) {
            text.focus();
        }
    }

    public boolean isNoteMode() {
        return mode.getSelectedTab() == noteTab;
    }

    private void updateMode() {
        boolean note = isNoteMode();
        channel.setVisible(!note);
        sendAndResolve.setVisible(!note);
        send.setText(note ? "Add note" : "Send");
        text.setPlaceholder(note ? "Internal note: only agents see this" : "Write a reply…");
        getElement().getClassList().set("note-mode", note);
        updateHints();
    }

    private void updateHints() {
        updateCounter();
        if (conversationId == null) {
            return;
        }
        Channel via = channel.getValue();
        hint.removeClassName("public");
        if (isNoteMode()) {
            hint.setText("Internal note: the customer never sees it.");
            return;
        }
        if (via == null) {
            hint.setText("");
            return;
        }
        StringBuilder says = new StringBuilder();
        if (PublicReplyGuard.isPublic(via, threadKeyFor(via))) {
            says.append(PublicReplyGuard.publicBanner(via)).append('.');
            hint.addClassName("public");
        } else if (via.socialNetwork()) {
            says.append("Private message on ").append(via.label()).append('.');
        } else {
            says.append("Reply via ").append(via.label()).append('.');
        }
        if (META.contains(via) && lastCustomerMessageAt != null
                && lastCustomerMessageAt.isBefore(Instant.now().minus(Duration.ofHours(24)))) {
            says.append(" More than 24 h since the customer's last message: ").append(via.label())
                    .append(" only delivers approved templates.");
        }
        hint.setText(says.toString());
    }

    private void updateCounter() {
        Channel via = channel.getValue();
        int length = text.getValue().length();
        if (!isNoteMode() && via != null && via.maxLength() > 0) {
            counter.setText(PublicReplyGuard.count(via, text.getValue()));
            counter.getElement().getClassList().set("over", PublicReplyGuard.tooLong(via, text.getValue()));
        } else {
            counter.setText(length == 0 ? "" : length + " characters");
            counter.getElement().getClassList().set("over", false);
        }
    }

    private void submit(boolean resolve) {
        submit(resolve, false);
    }

    /** The thread key that applies to a reply on {@code via}: the conversation's own, or none on another channel. */
    private String threadKeyFor(Channel via) {
        return target != null && via == target.channel() ? threadKey : null;
    }

    private void submit(boolean resolve, boolean confirmedPublic) {
        if (conversationId == null) {
            return;
        }
        Channel replyChannel = channel.getValue();
        if (!confirmedPublic && !isNoteMode() && PublicReplyGuard.isPublic(replyChannel, threadKeyFor(replyChannel))
                && PublicReplyDialog.askIfPrivate(replyChannel, text.getValue(), () -> submit(resolve, true),
                        conversations.privateThreadOf(Viewer.SYSTEM, target.customerId(), replyChannel)
                                .<Runnable>map(dm -> () -> continueIn(dm)).orElse(null))) {
            return;
        }
        boolean note = isNoteMode();
        Channel via = channel.getValue();
        String body = text.getValue();
        if (!note && PublicReplyGuard.tooLong(via, body)) {
            text.setInvalid(true);
            text.setErrorMessage(via.label() + " accepts at most " + via.maxLength() + " characters");
            return;
        }
        guarded(0, body, note, () -> store(resolve, note, via, body));
    }

    /** Runs the extensions' send guards one after the other, then sends. */
    private void guarded(int index, String body, boolean note, Runnable send) {
        if (index == guards.size()) {
            send.run();
        } else {
            guards.get(index).check(body, note, () -> guarded(index + 1, body, note, send));
        }
    }

    private void store(boolean resolve, boolean note, Channel via, String body) {
        try {
            MessageView stored = note ? conversations.addNote(viewer.get(), conversationId, body)
                    : conversations.reply(viewer.get(), conversationId, via, body, resolve);
            text.setInvalid(false);
            text.clear();
            updateCounter();
            sentListeners.forEach(l -> l.accept(stored));
            listener.sent(stored, !note && resolve);
        } catch (InvalidInputException | NotFoundException e) {
            text.setInvalid(true);
            text.setErrorMessage(e.getMessage());
            Notifications.error(e.getMessage());
        }
    }

    /** Moves the draft to the customer's direct-message conversation (from the public-reply warning). */
    private void continueIn(ConversationView privateThread) {
        String draft = text.getValue();
        setTarget(privateThread, targetCustomer);
        text.setValue(draft);
        Notifications.success("Now replying in the private " + privateThread.channel().label() + " conversation.");
    }

    /** Installs the add-ons other modules contribute (canned responses, collision warnings). */
    public void install(List<ComposerExtension> extensions) {
        extensions.forEach(e -> e.install(this));
    }

    @Override
    public UUID agentId() {
        return agentId;
    }

    @Override
    public UUID conversationId() {
        return conversationId;
    }

    @Override
    public Channel replyChannel() {
        return conversationId == null || isNoteMode() ? null : channel.getValue();
    }

    @Override
    public TextArea textArea() {
        return text;
    }

    @Override
    public void addTool(com.vaadin.flow.component.Component tool) {
        tools.add(tool);
    }

    @Override
    public void addSendGuard(SendGuard guard) {
        guards.add(guard);
    }

    @Override
    public void addSentListener(java.util.function.Consumer<MessageView> sent) {
        sentListeners.add(sent);
    }

    @Override
    public void addTargetListener(java.util.function.Consumer<UUID> target) {
        targetListeners.add(target);
    }
}
