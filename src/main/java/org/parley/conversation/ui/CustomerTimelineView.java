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
import org.parley.conversation.ConversationService;
import org.parley.conversation.ConversationView;
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

    public CustomerTimelineView(ConversationService conversations, CustomerDirectory customers,
            CurrentAgent currentAgent, List<org.parley.conversation.CustomerPanelExtension> panelExtensions,
            org.springframework.beans.factory.ObjectProvider<org.parley.conversation.ui.extension.LiveUpdates> live,
            List<org.parley.conversation.ui.extension.ComposerExtension> composerExtensions) {
        this.conversations = conversations;
        this.customers = customers;
        addClassName("customer-timeline-view");
        setSizeFull();
        timeline = new TimelinePanel(conversations);
        timeline.onConversationClicked(this::select);
        composer = new Composer(conversations, currentAgent.require().getId());
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
        String raw = event.getRouteParameters().get("customerId").orElse("");
        try {
            UUID requested = UUID.fromString(raw);
            customerId = conversations.survivingCustomer(requested);
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

    private void select(UUID conversationId) {
        selectedConversationId = conversationId;
        timeline.select(conversationId);
        CustomerProfile customer = customers.get(customerId);
        composer.setTarget(conversations.get(conversationId), customer);
        customerPanel.show(customer, conversations.conversationsOf(customerId), conversationId);
    }

    private void refresh() {
        CustomerProfile customer = customers.get(customerId);
        List<ConversationView> ofCustomer = conversations.conversationsOf(customerId);
        if (selectedConversationId == null && !ofCustomer.isEmpty()) {
            selectedConversationId = ofCustomer.get(0).id();
        }
        title.setText(customer.displayName());
        timeline.show(customerId, ofCustomer, selectedConversationId);
        customerPanel.show(customer, ofCustomer, selectedConversationId);
        openInInbox.setEnabled(selectedConversationId != null);
        if (selectedConversationId != null) {
            composer.setTarget(conversations.get(selectedConversationId), customer);
        } else {
            composer.clearTarget();
        }
    }
}
