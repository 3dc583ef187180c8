package org.parley.conversation.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.PermitAll;
import java.util.List;
import java.util.UUID;
import org.parley.base.NotFoundException;
import java.util.Optional;
import org.parley.base.ui.Notifications;
import org.parley.conversation.ConversationAccess;
import org.parley.conversation.ConversationAccess.Viewer;
import org.parley.conversation.ConversationService;
import org.parley.conversation.ConversationView;
import org.parley.conversation.TimelinePages;
import org.parley.customer.CustomerDirectory;
import org.parley.customer.CustomerProfile;
import org.parley.team.CurrentAgent;

/**
 * One customer's whole history across channels, with the composer aimed at a conversation of theirs
 * (the most recent unless the agent picks another). A merged customer's old id shows the survivor.
 */
@Route("customers/:customerId/timeline")
@PageTitle("Customer timeline · Parley")
@PermitAll
public class CustomerTimelineView extends Div implements BeforeEnterObserver {

    private final transient ConversationService conversations;
    private final transient CustomerDirectory customers;
    private final H2 title = new H2();
    private final TimelinePanel timeline;
    private final Composer composer;
    private final CustomerPanel customerPanel = new CustomerPanel();
    private final Button openInInbox = new Button("Open in inbox", VaadinIcon.INBOX.create());
    private final Div detail = new Div();
    private final Div missing = new Div();
    private UUID customerId;
    private UUID selectedConversationId;
    private final transient ConversationAccess access;
    private final UUID agentId;
    /** What this agent may see; looked up again on every navigation here. */
    private Viewer viewer;

    public CustomerTimelineView(ConversationService conversations, CustomerDirectory customers,
            CurrentAgent currentAgent, List<org.parley.conversation.CustomerPanelExtension> panelExtensions,
            org.springframework.beans.factory.ObjectProvider<org.parley.conversation.ui.extension.LiveUpdates> live,
            List<org.parley.conversation.ui.extension.ComposerExtension> composerExtensions,
            ConversationAccess access, TimelinePages timelinePages) {
        this.conversations = conversations;
        this.customers = customers;
        this.access = access;
        this.agentId = currentAgent.require().getId();
        this.viewer = access.viewerOf(agentId);
        addClassName("customer-timeline-view");
        setSizeFull();
        timeline = new TimelinePanel(conversations, timelinePages, this::viewer);
        timeline.onConversationClicked(this::select);
        composer = new Composer(conversations, agentId, this::viewer);
        composer.onSent((message, resolved) -> refresh());
        composer.install(composerExtensions);
        live.ifAvailable(l -> l.bind(this, currentAgent.require().getId(), updates -> {
            if (customerId != null && updates.stream().anyMatch(u -> customerId.equals(u.customerId()))) {
                refresh();
            }
        }));
        customerPanel.onConversationSelected(this::select);
        customerPanel.setTimelineLinkVisible(false);
        customerPanel.setExtensions(panelExtensions, this::refresh);
        openInInbox.setId("open-in-inbox");
        openInInbox.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL);
        openInInbox.addClickListener(e -> {
            if (selectedConversationId != null) {
                getUI().ifPresent(ui -> ui.navigate("inbox/" + selectedConversationId));
            }
        });
        title.addClassName("customer-timeline-title");
        Div head = new Div(title, openInInbox);
        head.addClassName("customer-timeline-head");
        Div column = new Div(head, timeline, composer);
        column.addClassName("conversation-column");
        detail.addClassName("detail");
        detail.add(column, customerPanel);
        missing.addClassName("detail-placeholder");
        add(detail, missing);
        missing.setVisible(false);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        viewer = access.viewerOf(agentId);
        String raw = event.getRouteParameters().get("customerId").orElse("");
        try {
            UUID requested = UUID.fromString(raw);
            customerId = conversations.survivingCustomer(viewer, requested);
        } catch (IllegalArgumentException | NotFoundException e) {
            customerId = null;
            detail.setVisible(false);
            missing.setVisible(true);
            missing.setText("There is no customer " + raw + ".");
            return;
        }
        detail.setVisible(true);
        missing.setVisible(false);
        selectedConversationId = null;
        refresh();
    }

    UUID customerId() {
        return customerId;
    }

    Viewer viewer() {
        return viewer;
    }

    private void select(UUID conversationId) {
        Optional<ConversationView> conversation = conversations.find(viewer, conversationId);
        if (conversation.isEmpty()) {
            Notifications.error("There is no conversation " + conversationId + " you can open");
            return;
        }
        selectedConversationId = conversationId;
        timeline.select(conversationId);
        CustomerProfile customer = customers.get(customerId);
        composer.setTarget(conversation.get(), customer);
        customerPanel.show(customer, conversations.conversationsOf(viewer, customerId), conversationId);
    }

    private void refresh() {
        CustomerProfile customer = customers.get(customerId);
        // only the conversations this agent may see: the others stay out of the timeline, the panel and the composer
        List<ConversationView> ofCustomer = conversations.conversationsOf(viewer, customerId);
        if (selectedConversationId != null
                && ofCustomer.stream().noneMatch(c -> c.id().equals(selectedConversationId))) {
            selectedConversationId = null;
        }
        if (selectedConversationId == null && !ofCustomer.isEmpty()) {
            selectedConversationId = ofCustomer.get(0).id();
        }
        title.setText(customer.displayName());
        timeline.show(customerId, ofCustomer, selectedConversationId);
        customerPanel.show(customer, ofCustomer, selectedConversationId);
        openInInbox.setEnabled(selectedConversationId != null);
        if (selectedConversationId != null) {
            composer.setTarget(ofCustomer.stream().filter(c -> c.id().equals(selectedConversationId)).findFirst()
                    .orElseThrow(), customer);
        } else {
            composer.clearTarget();
        }
    }
}
