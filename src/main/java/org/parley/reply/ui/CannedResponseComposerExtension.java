package org.parley.reply.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.spring.annotation.SpringComponent;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.parley.base.InvalidInputException;
import org.parley.base.NotFoundException;
import org.parley.base.ui.Notifications;
import org.parley.conversation.ui.extension.ComposerContext;
import org.parley.conversation.ui.extension.ComposerExtension;
import org.parley.reply.CannedResponseService;
import org.parley.reply.Variables;

/**
 * Canned responses in the composer: typing {@code /} at the start of the text or after a space (or
 * the tool button) opens the picker; the chosen response is filled in; a reply that still holds a
 * {@code {{variable}}} is never sent (the agent is told which one to fill in); once sent, each
 * response used counts as used and its macro runs.
 */
@SpringComponent
class CannedResponseComposerExtension implements ComposerExtension {

    private final CannedResponseService responses;

    CannedResponseComposerExtension(CannedResponseService responses) {
        this.responses = responses;
    }

    @Override
    public void install(ComposerContext composer) {
        Set<UUID> used = new LinkedHashSet<>();
        TextArea text = composer.textArea();

        Button open = new Button(VaadinIcon.COMMENT_ELLIPSIS_O.create(), e -> openPicker(composer, used,
                text.getValue()));
        open.setId("open-canned-picker");
        open.setTooltipText("Canned responses (type / in the text)");
        open.setAriaLabel("Canned responses");
        open.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL);
        composer.addTool(open);

        // "/" typed where a word starts: the text before it (read in the browser) becomes the prefix
        text.getElement().addEventListener("keydown", e -> {
            String before = e.getEventData().get("element.value").asString();
            openPicker(composer, used, before == null ? "" : before);
        }).setFilter("event.key === '/' && (element.value === '' || /\\s$/.test(element.value))")
                .addEventData("element.value")
                .addEventData("(event.key === '/' && (element.value === '' || /\\s$/.test(element.value))) && event.preventDefault()");

        composer.addSendGuard((body, note, send) -> {
            List<String> left = Variables.remainingIn(body);
            if (left.isEmpty()) {
                send.run();
                return;
            }
            String names = String.join(", ", left.stream().map(v -> "{{" + v + "}}").toList());
            text.setInvalid(true);
            text.setErrorMessage("Fill in " + names + " before sending");
            Notifications.error("Not sent: " + names + " has no value. Replace it with the right text.");
        });
        composer.addSentListener(message -> {
            UUID conversationId = message.conversationId();
            for (UUID responseId : used) {
                try {
                    responses.use(composer.agentId(), responseId, conversationId);
                } catch (InvalidInputException | NotFoundException e) {
                    Notifications.error("The canned response's actions failed: " + e.getMessage());
                }
            }
            used.clear();
        });
        composer.addTargetListener(conversationId -> used.clear());
    }

    private void openPicker(ComposerContext composer, Set<UUID> used, String prefix) {
        if (composer.conversationId() == null) {
            return;
        }
        TextArea text = composer.textArea();
        new CannedResponsePicker(responses, composer.agentId(), composer.conversationId(), composer.replyChannel(),
                (response, rendering) -> {
                    String start = prefix.isEmpty() || prefix.endsWith("\n") || prefix.endsWith(" ") ? prefix
                            : prefix + " ";
                    text.setValue(start + rendering.text());
                    used.add(response.id());
                    if (!rendering.complete()) {
                        text.setInvalid(true);
                        text.setErrorMessage("Fill in " + String.join(", ", rendering.missing().stream()
                                .map(v -> "{{" + v + "}}").toList()) + " before sending");
                    } else {
                        text.setInvalid(false);
                    }
                    text.focus();
                }).open();
    }
}
