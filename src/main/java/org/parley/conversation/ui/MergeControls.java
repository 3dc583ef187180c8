package org.parley.conversation.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.function.SerializableSupplier;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import org.parley.base.InvalidInputException;
import org.parley.base.NotFoundException;
import org.parley.base.ui.Notifications;
import org.parley.conversation.ConversationAccess.Viewer;
import org.parley.conversation.ConversationMerges;
import org.parley.conversation.ConversationService;
import org.parley.conversation.ConversationView;
import org.parley.conversation.VersionConflict;

/**
 * Merging conversations in the conversation header: "Merge with…" lists the customer's other conversations the
 * agent sees, asks before merging, and offers "Undo" in the notification that follows; a merged conversation shows
 * "Merged into #…" with a link to the conversation it went into and an "Undo merge" button instead.
 */
public class MergeControls extends Div {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("d MMM HH:mm", Locale.ENGLISH)
            .withZone(ZoneId.systemDefault());

    private final transient ConversationMerges merges;
    private final transient ConversationService conversations;
    private final SerializableSupplier<Viewer> viewer;
    /** Icon only, placed among the conversation's actions (the label is its tooltip and aria-label). */
    private final Button mergeWith = new Button();
    private final Div banner = new Div();
    private final Span bannerText = new Span();
    private final Anchor bannerLink = new Anchor();
    private final Button undoMerge = new Button("Undo merge");
    private ConversationView conversation;
    private Consumer<UUID> show = id -> {
    };

    public MergeControls(ConversationMerges merges, ConversationService conversations,
            SerializableSupplier<Viewer> viewer) {
        this.merges = merges;
        this.conversations = conversations;
        this.viewer = viewer;
        setId("merge-controls");
        addClassName("merge-controls");
        mergeWith.setId("merge-with");
        mergeWith.setIcon(VaadinIcon.COMPRESS.create());
        mergeWith.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
        mergeWith.setTooltipText("Merge with another conversation of this customer");
        mergeWith.setAriaLabel("Merge with…");
        mergeWith.addClickListener(e -> openChooser());

        banner.setId("merged-banner");
        banner.addClassName("merged-banner");
        bannerLink.setId("merged-into-link");
        undoMerge.setId("undo-merge");
        undoMerge.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_ERROR);
        undoMerge.addClickListener(e -> {
            if (conversation != null) {
                undo(conversation.id());
            }
        });
        banner.add(VaadinIcon.COMPRESS.create(), bannerText, bannerLink, undoMerge);
        add(banner);
        setConversation(null);
    }

    /** The "Merge with…" button, for the view to place among the conversation's actions. */
    Button mergeWithButton() {
        return mergeWith;
    }

    /** Called with the conversation to show after a merge (the survivor) or an undo (the restored one). */
    public void onShow(Consumer<UUID> listener) {
        this.show = listener;
    }

    public void setConversation(ConversationView c) {
        this.conversation = c;
        mergeWith.setVisible(c != null && !c.isMerged());
        banner.setVisible(c != null && c.isMerged());
        if (c == null || !c.isMerged()) {
            return;
        }
        bannerText.setText("Merged into ");
        Optional<ConversationView> into = conversations.find(viewer.get(), c.mergedInto());
        bannerLink.setText(into.map(MergeControls::name).orElse("another conversation"));
        if (into.isPresent()) {
            bannerLink.setHref("inbox/" + c.mergedInto());
        } else {
            bannerLink.removeHref();
        }
    }

    /** "#01a23b51 “Subject”": the start of the id and the subject. */
    static String name(ConversationView c) {
        String subject = c.subject() == null || c.subject().isBlank() ? "(no subject)" : c.subject();
        return "#" + c.id().toString().substring(0, 8) + " “" + subject + "”";
    }

    void openChooser() {
        if (conversation == null) {
            return;
        }
        List<ConversationView> candidates;
        try {
            candidates = merges.candidates(viewer.get(), conversation.id());
        } catch (NotFoundException e) {
            Notifications.error(e.getMessage());
            return;
        }
        Dialog dialog = new Dialog();
        dialog.setId("merge-dialog");
        dialog.setHeaderTitle("Merge with…");
        Div list = new Div();
        list.addClassName("merge-candidates");
        if (candidates.isEmpty()) {
            list.add(new Span("This customer has no other conversation you can merge with."));
        }
        for (ConversationView other : candidates) {
            Button pick = new Button(name(other) + " · " + TimelinePanel.label(other.status().name()) + " · "
                    + WHEN.format(other.lastActivityAt()));
            pick.setId("merge-candidate-" + other.id());
            pick.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
            pick.addClickListener(e -> {
                dialog.close();
                confirm(other);
            });
            list.add(new Div(pick));
        }
        dialog.add(list);
        Button cancel = new Button("Cancel", e -> dialog.close());
        dialog.getFooter().add(cancel);
        dialog.open();
    }

    private void confirm(ConversationView other) {
        ConversationView current = conversation;
        ConfirmDialog confirm = new ConfirmDialog("Merge these conversations?", name(current) + " and " + name(other)
                + " become one: the later conversation's messages move into the earlier one, and the later one"
                + " points to it. You can undo this.", "Merge", yes -> merge(current, other));
        confirm.setId("confirm-merge");
        confirm.setCancelable(true);
        confirm.open();
    }

    void merge(ConversationView current, ConversationView other) {
        ConversationMerges.MergeResult result;
        try {
            result = merges.merge(viewer.get(), current.id(), other.id(), current.version(), other.version());
        } catch (VersionConflict e) {
            Notifications.error("One of the conversations was changed by someone else meanwhile: nothing merged."
                    + " Look again and retry.");
            show.accept(current.id());
            return;
        } catch (InvalidInputException | NotFoundException e) {
            Notifications.error(e.getMessage());
            return;
        }
        UUID absorbed = result.absorbed().id();
        Notification done = new Notification();
        done.setId("merged-notification");
        done.addThemeVariants(NotificationVariant.LUMO_SUCCESS);
        done.setDuration(10_000);
        done.setPosition(Notification.Position.BOTTOM_START);
        Button undo = new Button("Undo", e -> {
            done.close();
            undo(absorbed);
        });
        undo.setId("merged-notification-undo");
        undo.addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE);
        done.add(new HorizontalLayout(new Span("Merged into " + name(result.survivor())), undo));
        done.open();
        show.accept(result.survivor().id());
    }

    void undo(UUID absorbedId) {
        try {
            ConversationMerges.MergeResult result = merges.unmerge(viewer.get(), absorbedId);
            Notifications.success("Merge undone: " + name(result.absorbed()) + " is a conversation of its own again");
            show.accept(absorbedId);
        } catch (InvalidInputException | NotFoundException e) {
            Notifications.error(e.getMessage());
        }
    }
}
