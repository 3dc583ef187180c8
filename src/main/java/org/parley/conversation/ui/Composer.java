package org.parley.conversation.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.tabs.TabsVariant;
import com.vaadin.flow.component.textfield.TextAreaVariant;
import com.vaadin.flow.server.VaadinService;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.parley.conversation.Mentions;
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
 * an internal note to the selected conversation. Every conversation it is aimed at starts in Reply mode (a note
 * mode carried over from the last conversation once saved a customer's answer as a note). Keyboard: Ctrl+Enter
 * sends, Ctrl+Shift+Enter sends and resolves, Escape leaves the text; in a note, {@code @} suggests the agents
 * who may see the conversation.
 */
public class Composer extends Div implements ComposerContext {

    /** After a message was stored: the message and whether the conversation was resolved with it. */
    public interface SentListener {
        void sent(MessageView message, boolean resolved);
    }

    private static final Set<Channel> META = EnumSet.of(Channel.FACEBOOK, Channel.INSTAGRAM);

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
    /** Why free text cannot go out on the chosen channel now (WhatsApp's 24-hour window), or null. */
    private String windowClosed;
    private SentListener listener = (m, r) -> {
    };
    private final Div tools = new Div();
    private final Span keys = new Span("Ctrl+Enter send · Ctrl+Shift+Enter send and resolve");
    private final Div mentionBox = new Div();
    private transient List<Mentions.Candidate> mentionCandidates;
    private List<Mentions.Candidate> shownMentions = List.of();
    private int mentionHighlight;
    private int mentionStart = -1;
    private int mentionCaret = -1;
    private Runnable escape = () -> {
    };
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
        mode.addThemeVariants(TabsVariant.LUMO_SMALL, TabsVariant.LUMO_HIDE_SCROLL_BUTTONS);
        mode.addSelectedChangeListener(e -> updateMode());

        channel.setId("reply-channel");
        channel.addThemeVariants(com.vaadin.flow.component.select.SelectVariant.LUMO_SMALL);
        channel.setAriaLabel("Reply channel");
        channel.setItemLabelGenerator(Channel::label);
        channel.setRenderer(new com.vaadin.flow.data.renderer.ComponentRenderer<>(ChannelIcons::badge));
        channel.addValueChangeListener(e -> updateHints());

        text.setId("reply-text");
        text.setWidthFull();
        text.setMinRows(3);
        text.setMaxRows(8);
        text.addThemeVariants(TextAreaVariant.LUMO_SMALL);
        text.setValueChangeMode(ValueChangeMode.LAZY);
        text.setValueChangeTimeout(300);
        text.addValueChangeListener(e -> updateCounter());

        counter.setId("reply-counter");
        counter.addClassName("reply-counter");
        hint.setId("reply-hint");
        hint.addClassName("reply-hint");

        send.setId("send-reply");
        send.addThemeVariants(ButtonVariant.LUMO_PRIMARY, ButtonVariant.LUMO_SMALL);
        send.setTooltipText("Ctrl+Enter");
        send.setIcon(VaadinIcon.PAPERPLANE.create());
        send.addClickListener(e -> submit(false));
        sendAndResolve.setId("send-resolve");
        sendAndResolve.addThemeVariants(ButtonVariant.LUMO_SMALL);
        sendAndResolve.setTooltipText("Ctrl+Shift+Enter");
        sendAndResolve.addClickListener(e -> submit(true));

        tools.addClassName("composer-tools");
        Div top = new Div(mode, channel, tools);
        top.addClassName("composer-top");
        keys.addClassName("composer-keys");
        Div bottom = new Div(hint, keys, counter, sendAndResolve, send);
        bottom.addClassName("composer-bottom");
        mentionBox.setId("mention-suggestions");
        mentionBox.addClassName("mention-suggestions");
        mentionBox.setVisible(false);
        add(top, mentionBox, text, bottom);
        listenToKeys();
        clearTarget();
    }

    /**
     * Keys typed in the text: Ctrl+Enter (Cmd+Enter) sends, with Shift it also resolves; Escape leaves the text.
     * Each sends the text as the browser has it, so nothing typed in the last moment is lost to the lazy sync.
     */
    private void listenToKeys() {
        String send = "event.key === 'Enter' && (event.ctrlKey || event.metaKey) && !event.altKey";
        text.getElement().addEventListener("keydown", e -> {
            syncText(e.getEventData().get("element.value").asString());
            submit(e.getEventData().get("event.shiftKey").asBoolean());
        }).setFilter(send).addEventData("element.value").addEventData("event.shiftKey")
                .addEventData("(" + send + ") && event.preventDefault()");

        // an @mention being typed in a note: arrows choose, Enter or Tab take, Escape closes the suggestions
        String choosing = "element.hasAttribute('mentioning') && !event.ctrlKey && !event.metaKey && !event.altKey"
                + " && ['ArrowDown', 'ArrowUp', 'Enter', 'Tab', 'Escape'].includes(event.key)";
        text.getElement().addEventListener("keydown", e -> mentionKey(e.getEventData().get("event.key").asString()))
                .setFilter(choosing).addEventData("event.key")
                .addEventData("(" + choosing + ") && event.preventDefault()");
        String leaving = "event.key === 'Escape' && !element.hasAttribute('mentioning')";
        text.getElement().addEventListener("keydown", e -> {
            syncText(e.getEventData().get("element.value").asString());
            escape.run();
        }).setFilter(leaving).addEventData("element.value");
        // what is typed before the caret, while a note is written and an @ is in it (or suggestions are open)
        text.getElement().addEventListener("input", e -> mentionTyped(e.getEventData().get("element.value").asString(),
                (int) e.getEventData().get("element.inputElement ? element.inputElement.selectionStart : -1").asDouble()))
                .setFilter("element.hasAttribute('data-mentions') && (element.value.includes('@')"
                        + " || element.hasAttribute('mentioning'))")
                .addEventData("element.value")
                .addEventData("element.inputElement ? element.inputElement.selectionStart : -1")
                .debounce(120);
    }

    private void syncText(String value) {
        if (value != null && !value.equals(text.getValue())) {
            text.setValue(value);
        }
    }

    /** Called when the agent presses Escape in the text (not while choosing a mention). */
    public void onEscape(Runnable escape) {
        this.escape = escape;
    }

    public void onSent(SentListener listener) {
        this.listener = listener;
    }

    /** The reply channels the menu offers now. */
    private List<Channel> channelItems = List.of();

    /** Aims the composer at a conversation; the reply channel starts as the conversation's own. */
    public void setTarget(ConversationView conversation, CustomerProfile customer) {
        boolean sameConversation = conversation.id().equals(conversationId);
        this.conversationId = conversation.id();
        this.lastCustomerMessageAt = conversation.lastCustomerMessageAt();
        this.target = conversation;
        this.targetCustomer = customer;
        this.threadKey = conversations.threadKeyOf(viewer.get(), conversation.id()).orElse(null);
        List<Channel> channels = new ArrayList<>(customer.reachableChannels());
        if (!channels.contains(conversation.channel())) {
            channels.add(0, conversation.channel());
        }
        Channel before = channel.getValue();
        if (!channels.equals(channelItems)) {
            // a live refresh of the same conversation sends the menu again only when its channels changed
            channelItems = List.copyOf(channels);
            channel.setItems(channels);
        }
        channel.setValue(sameConversation && before != null && channels.contains(before) ? before
                : conversation.channel());
        if (!sameConversation) {
            text.clear();
            text.setInvalid(false);
            mentionCandidates = null;
            closeMentions();
            // every conversation starts with a reply: a note mode left over from the last one surprises
            mode.setSelectedTab(replyTab);
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
        mentionCandidates = null;
        closeMentions();
        mode.setSelectedTab(replyTab);
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

    /** Switches between a reply to the customer and an internal note (keys r and n). */
    public void setNoteMode(boolean note) {
        mode.setSelectedTab(note ? noteTab : replyTab);
    }

    private void updateMode() {
        boolean note = isNoteMode();
        channel.setVisible(!note);
        sendAndResolve.setVisible(!note);
        send.setText(note ? "Add note" : "Send");
        text.setPlaceholder(note ? "Internal note: only agents see this; @ mentions a colleague" : "Write a reply…");
        getElement().getClassList().set("note-mode", note);
        text.getElement().setAttribute("data-mentions", note);
        if (!note) {
            closeMentions();
        }
        keys.setText(note ? "Ctrl+Enter add note" : "Ctrl+Enter send · Ctrl+Shift+Enter send and resolve");
        updateHints();
    }

    private void updateHints() {
        updateCounter();
        if (conversationId == null) {
            return;
        }
        Channel via = channel.getValue();
        hint.removeClassName("public");
        windowClosed = isNoteMode() || via != Channel.WHATSAPP ? null
                : conversations.replyWindowRefusal(viewer.get(), conversationId, via).orElse(null);
        send.setEnabled(windowClosed == null);
        sendAndResolve.setEnabled(windowClosed == null);
        if (isNoteMode()) {
            hint.setText("Internal note: the customer never sees it.");
            return;
        }
        if (via == null) {
            hint.setText("");
            return;
        }
        if (windowClosed != null) {
            hint.setText(windowClosed + ". Reply on another channel or wait until the customer writes again.");
            hint.addClassName("public");
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
        if (!isEnabled()) {
            return;
        }
        closeMentions();
        submit(resolve && !isNoteMode(), false);
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
                        conversations.privateThreadOf(viewer.get(), target.customerId(), replyChannel)
                                .<Runnable>map(dm -> () -> continueIn(dm)).orElse(null))) {
            return;
        }
        boolean note = isNoteMode();
        Channel via = channel.getValue();
        String body = text.getValue();
        if (!note && windowClosed != null) {
            Notifications.error(windowClosed);
            return;
        }
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

    /** The {@code @name} being typed just before the caret: group 1 is what follows the @ (maybe empty). */
    private static final Pattern TYPING_MENTION = Pattern.compile("(?<![\\p{L}\\p{N}@._-])@([\\p{L}][\\p{L}\\p{N}._-]*)?$");
    static final int MENTIONS_SHOWN = 6;

    /** The text changed in a note with an @ in it: suggests the agents whose name starts as typed. */
    void mentionTyped(String value, int caret) {
        if (conversationId == null || !isNoteMode() || value == null) {
            closeMentions();
            return;
        }
        int at = caret < 0 || caret > value.length() ? value.length() : caret;
        Matcher m = TYPING_MENTION.matcher(value.substring(0, at));
        if (!m.find()) {
            closeMentions();
            return;
        }
        if (mentionCandidates == null) {
            Mentions mentions = VaadinService.getCurrent().getInstantiator().getOrCreate(Mentions.class);
            try {
                mentionCandidates = mentions.candidates(viewer.get(), conversationId);
            } catch (NotFoundException gone) {
                mentionCandidates = List.of();
            }
        }
        List<Mentions.Candidate> found = Mentions.matching(mentionCandidates, m.group(1), MENTIONS_SHOWN);
        if (found.isEmpty()) {
            closeMentions();
            return;
        }
        syncText(value);
        mentionStart = m.start();
        mentionCaret = at;
        shownMentions = found;
        mentionHighlight = 0;
        renderMentions();
    }

    private void mentionKey(String key) {
        if (shownMentions.isEmpty()) {
            closeMentions();
            return;
        }
        switch (key) {
            case "ArrowDown" -> {
                mentionHighlight = (mentionHighlight + 1) % shownMentions.size();
                renderMentions();
            }
            case "ArrowUp" -> {
                mentionHighlight = (mentionHighlight - 1 + shownMentions.size()) % shownMentions.size();
                renderMentions();
            }
            case "Enter", "Tab" -> acceptMention(shownMentions.get(mentionHighlight));
            default -> closeMentions();
        }
    }

    /** Replaces the @ being typed with {@code @username } and puts the caret after it. */
    void acceptMention(Mentions.Candidate candidate) {
        String value = text.getValue();
        if (mentionStart < 0 || mentionCaret > value.length() || mentionStart >= mentionCaret) {
            closeMentions();
            return;
        }
        String inserted = "@" + candidate.username() + " ";
        String next = value.substring(0, mentionStart) + inserted + value.substring(mentionCaret);
        int caret = mentionStart + inserted.length();
        closeMentions();
        text.setValue(next);
        text.focus();
        text.getElement().executeJs("const i = this.inputElement; if (i) { i.setSelectionRange($0, $0); }", caret);
    }

    private void renderMentions() {
        mentionBox.removeAll();
        for (int i = 0; i < shownMentions.size(); i++) {
            Mentions.Candidate c = shownMentions.get(i);
            Span name = new Span(c.displayName());
            name.addClassName("mention-name");
            Span handle = new Span("@" + c.username());
            handle.addClassName("mention-handle");
            Div row = new Div(name, handle);
            row.addClassName("mention-suggestion");
            row.getElement().setAttribute("data-username", c.username());
            row.getElement().getClassList().set("highlighted", i == mentionHighlight);
            row.addClickListener(e -> acceptMention(c));
            mentionBox.add(row);
        }
        mentionBox.setVisible(true);
        text.getElement().setAttribute("mentioning", true);
    }

    private void closeMentions() {
        shownMentions = List.of();
        mentionStart = -1;
        mentionCaret = -1;
        mentionBox.removeAll();
        mentionBox.setVisible(false);
        text.getElement().removeAttribute("mentioning");
    }

    /** The suggestions shown now (for tests): usernames, highlighted first is not implied. */
    List<String> mentionSuggestions() {
        return shownMentions.stream().map(Mentions.Candidate::username).toList();
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
    public Viewer viewer() {
        return viewer.get();
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
