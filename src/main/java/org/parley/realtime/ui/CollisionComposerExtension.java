package org.parley.realtime.ui;

import org.parley.conversation.ConversationAccess.Viewer;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.UIDetachedException;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.spring.annotation.SpringComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.parley.conversation.ConversationService;
import org.parley.conversation.ConversationView;
import org.parley.conversation.Direction;
import org.parley.conversation.MessageView;
import org.parley.conversation.ui.extension.ComposerContext;
import org.parley.conversation.ui.extension.ComposerExtension;
import org.parley.realtime.PresenceRegistry;
import org.parley.team.TeamDirectory;

/**
 * Collision detection in the composer: shows which other agents have the conversation open and who
 * is typing, reports this agent's typing (the text field's lazy value changes are the debounce),
 * and before sending asks for confirmation when a customer message or another agent's reply arrived
 * since the agent started writing.
 */
@SpringComponent
class CollisionComposerExtension implements ComposerExtension {

    private final PresenceRegistry presence;
    private final ConversationService conversations;
    private final TeamDirectory team;

    CollisionComposerExtension(PresenceRegistry presence, ConversationService conversations, TeamDirectory team) {
        this.presence = presence;
        this.conversations = conversations;
        this.team = team;
    }

    @Override
    public void install(ComposerContext composer) {
        Object key = new Object();
        String myName = team.findAgent(composer.agentId()).map(a -> a.getDisplayName()).orElse("?");
        Span bar = new Span();
        bar.setId("presence");
        bar.addClassName("presence");
        composer.addTool(bar);
        TextArea text = composer.textArea();
        // what the conversation looked like when the agent started writing
        int[] startCount = {-1};

        Runnable show = () -> {
            UUID c = composer.conversationId();
            List<PresenceRegistry.Presence> others = c == null ? List.of() : presence.others(c, composer.agentId());
            List<String> parts = new ArrayList<>();
            others.forEach(p -> parts.add(p.agentName() + (p.typing() ? " is typing…" : " is viewing")));
            bar.setText(String.join(" · ", parts));
            bar.getElement().getClassList().set("typing", others.stream().anyMatch(PresenceRegistry.Presence::typing));
            bar.getElement().getClassList().set("empty", parts.isEmpty());
        };
        AutoCloseable[] listening = {null};
        bar.addAttachListener(e -> {
            UI ui = e.getUI();
            presence.enter(key, composer.conversationId(), composer.agentId(), myName);
            listening[0] = presence.onChange(changed -> {
                if (changed.equals(composer.conversationId())) {
                    try {
                        ui.access(show::run);
                    } catch (UIDetachedException ignored) {
                        // the screen is closing; its detach listener leaves
                    }
                }
            });
            show.run();
        });
        bar.addDetachListener(e -> {
            presence.leave(key);
            if (listening[0] != null) {
                try {
                    listening[0].close();
                } catch (Exception ignored) {
                    // removing a listener cannot fail
                }
            }
        });
        composer.addTargetListener(conversationId -> {
            startCount[0] = -1;
            if (bar.isAttached()) {
                presence.enter(key, conversationId, composer.agentId(), myName);
                show.run();
            }
        });
        text.addValueChangeListener(e -> {
            if (e.getValue().isEmpty()) {
                startCount[0] = -1;
                presence.stoppedTyping(key);
                return;
            }
            if (startCount[0] < 0 && composer.conversationId() != null) {
                startCount[0] = conversations.find(composer.viewer(), composer.conversationId()).map(ConversationView::messageCount)
                        .orElse(0);
            }
            presence.typing(key);
        });
        composer.addSendGuard((body, note, send) -> {
            UUID c = composer.conversationId();
            List<String> news = c == null || startCount[0] < 0 ? List.of() : arrivedSince(composer.viewer(), c,
                    startCount[0], composer.agentId());
            if (news.isEmpty()) {
                send.run();
                return;
            }
            ConfirmDialog confirm = new ConfirmDialog("New activity since you started writing",
                    String.join("; ", news) + ". Send anyway?", "Send anyway", ok -> send.run());
            confirm.setId("collision-confirm");
            confirm.setCancelable(true);
            confirm.setCancelText("Review first");
            confirm.addCancelListener(cancel -> startCount[0] = -1);
            confirm.open();
        });
        composer.addSentListener(message -> {
            startCount[0] = -1;
            presence.stoppedTyping(key);
        });
    }

    /** What arrived after the first {@code countAtStart} messages: customer messages and others' replies. */
    private List<String> arrivedSince(Viewer viewer, UUID conversationId, int countAtStart, UUID me) {
        Optional<ConversationView> now = conversations.find(viewer, conversationId);
        if (now.isEmpty() || now.get().messageCount() <= countAtStart) {
            return List.of();
        }
        List<MessageView> all = conversations.messages(viewer, conversationId);
        List<MessageView> added = all.subList(Math.min(countAtStart, all.size()), all.size());
        List<String> news = new ArrayList<>();
        for (MessageView m : added) {
            if (m.direction() == Direction.INBOUND) {
                news.add("the customer wrote again");
            } else if (m.direction() == Direction.OUTBOUND && !me.equals(m.authorAgentId())) {
                news.add((m.authorName() == null ? "another agent" : m.authorName()) + " replied");
            }
        }
        return news.stream().distinct().toList();
    }
}
