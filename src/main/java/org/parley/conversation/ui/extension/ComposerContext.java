package org.parley.conversation.ui.extension;

import org.parley.conversation.ConversationAccess.Viewer;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.textfield.TextArea;
import java.util.UUID;
import java.util.function.Consumer;
import org.parley.base.Channel;
import org.parley.conversation.MessageView;

/** What a {@link ComposerExtension} may see and do in one composer. */
public interface ComposerContext {

    UUID agentId();

    /** The signed-in agent's viewer: an extension reads conversations only through it. */
    Viewer viewer();

    /** The conversation being answered, or null when none is selected. */
    UUID conversationId();

    /** The channel a reply goes out on, or null (no conversation, or note mode). */
    Channel replyChannel();

    boolean isNoteMode();

    /** The text field the agent writes in. */
    TextArea textArea();

    /** Adds a small component (e.g. a button) to the composer's tool row. */
    void addTool(Component tool);

    /** Asked before every send, in the order added. */
    void addSendGuard(SendGuard guard);

    /** Told after a reply or note was stored. */
    void addSentListener(Consumer<MessageView> listener);

    /** Told when the composer is aimed at another conversation (or at none). */
    void addTargetListener(Consumer<UUID> listener);

    /** Asked before the composer sends. */
    @FunctionalInterface
    interface SendGuard {

        /**
         * Checks a message about to be sent: call {@code send.run()} to go ahead (at once, or later, e.g.
         * after the agent confirmed a dialog); not calling it cancels the send.
         */
        void check(String text, boolean note, Runnable send);
    }
}
