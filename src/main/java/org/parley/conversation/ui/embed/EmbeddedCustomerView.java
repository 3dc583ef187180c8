package org.parley.conversation.ui.embed;

import com.vaadin.flow.component.dependency.StyleSheet;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.auth.AnonymousAllowed;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.parley.base.InvalidInputException;
import org.parley.base.NotFoundException;
import org.parley.base.ui.Notifications;
import org.parley.conversation.ConversationAccess;
import org.parley.conversation.ConversationAccess.Viewer;
import org.parley.conversation.ConversationService;
import org.parley.conversation.ConversationView;
import org.parley.conversation.CustomerPanelExtension;
import org.parley.conversation.TimelinePages;
import org.parley.conversation.ui.Composer;
import org.parley.conversation.ui.CustomerPanel;
import org.parley.conversation.ui.TimelinePanel;
import org.parley.conversation.ui.extension.ComposerExtension;
import org.parley.conversation.ui.extension.LiveUpdates;
import org.parley.customer.CustomerDirectory;
import org.parley.customer.CustomerProfile;
import org.parley.customer.IdentityKey;
import org.parley.team.Agent;
import org.parley.team.CurrentAgent;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.access.AccessDeniedException;

/**
 * The customer panel for a narrow frame inside another tool (a CRM): profile, open conversations, the timeline and
 * a composer for the selected conversation, at {@code /embed/customers?identity=TYPE:value} or
 * {@code /embed/customers/{id}}. A signed-in agent acts as themselves (their team visibility, their replies); a
 * valid signed link without a session shows the panel read-only as {@code parley.embed.agent} (see
 * {@link EmbedLinks}). Nobody else gets in: {@link EmbedSignatureFilter} answers 403 to a bad link and sends a
 * browser without either to the sign-in page, and this view checks the same again when it opens.
 */
@Route(value = "embed/customers/:customerId?", autoLayout = false)
@PageTitle("Customer · Parley")
@AnonymousAllowed
@StyleSheet("styles/embed.css")
public class EmbeddedCustomerView extends Div implements BeforeEnterObserver {

    private final transient ConversationService conversations;
    private final transient TimelinePages timelinePages;
    private final transient CustomerDirectory customers;
    private final transient ConversationAccess access;
    private final transient EmbedLinks links;
    private final transient CurrentAgent currentAgent;
    private final transient List<CustomerPanelExtension> panelExtensions;
    private final transient List<ComposerExtension> composerExtensions;
    private final transient ObjectProvider<LiveUpdates> live;
    private final Div content = new Div();
    private final Div message = new Div();

    /** Who acts here: a signed-in agent, or the read-only viewer of a signed link; null until a page opened. */
    private UUID actingAgentId;
    private boolean readOnly = true;
    private Viewer viewer;
    private UUID customerId;
    private UUID selectedConversationId;
    private TimelinePanel timeline;
    private CustomerPanel customerPanel;
    private Composer composer;
    private H2 title;
    private Anchor openInParley;
    private boolean liveBound;

    public EmbeddedCustomerView(ConversationService conversations, CustomerDirectory customers,
            ConversationAccess access, EmbedLinks links, CurrentAgent currentAgent,
            List<CustomerPanelExtension> panelExtensions, List<ComposerExtension> composerExtensions,
            ObjectProvider<LiveUpdates> live, TimelinePages timelinePages) {
        this.conversations = conversations;
        this.timelinePages = timelinePages;
        this.customers = customers;
        this.access = access;
        this.links = links;
        this.currentAgent = currentAgent;
        this.panelExtensions = panelExtensions;
        this.composerExtensions = composerExtensions;
        this.live = live;
        setId("embed-customer");
        addClassName("embed-customer-view");
        message.setId("embed-message");
        message.addClassName("embed-message");
        content.addClassName("embed-content");
        add(message, content);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        QueryParameters query = event.getLocation().getQueryParameters();
        String rawId = event.getRouteParameters().get("customerId").orElse(null);
        String identity = first(query, "identity");
        EmbedLinks.Verdict verdict = links.verify(rawId, identity, first(query, "exp"), first(query, "sig"));
        Optional<Agent> agent = currentAgent.find();
        // nothing carries over from an earlier page of this view: who acts is decided again for every link
        content.removeAll();
        composer = null;
        openInParley = null;
        readOnly = true;
        actingAgentId = null;
        viewer = null;
        if (verdict == EmbedLinks.Verdict.REFUSED) {
            showMessage("This link to the customer panel is not valid: wrong signature or expired.");
            return;
        }
        if (agent.isPresent()) {
            actingAgentId = agent.get().getId();
            readOnly = false;
        } else if (verdict == EmbedLinks.Verdict.VALID && links.viewerAgentId().isPresent()) {
            actingAgentId = links.viewerAgentId().get();
            readOnly = true;
        } else {
            showMessage("Sign in to Parley to see this customer.");
            Anchor signIn = new Anchor("login", "Sign in");
            signIn.setId("embed-sign-in");
            signIn.setRouterIgnore(true);
            message.add(new Div(signIn));
            return;
        }
        viewer = access.viewerOf(actingAgentId);
        try {
            customerId = rawId != null ? conversations.survivingCustomer(viewer, UUID.fromString(rawId))
                    : identity != null ? findByIdentity(identity) : null;
        } catch (IllegalArgumentException | NotFoundException e) {
            customerId = null;
        }
        if (customerId == null) {
            showMessage(rawId != null ? "No customer with the id " + rawId + "."
                    : identity != null ? "No customer with the identity " + identity + "."
                    : "Name a customer: ?identity=TYPE:value or /embed/customers/{id}.");
            return;
        }
        message.setVisible(false);
        build();
        selectedConversationId = null;
        refresh();
    }

    private UUID findByIdentity(String identity) {
        IdentityKey key;
        try {
            key = customers.normalizer().parse(identity);
        } catch (InvalidInputException e) {
            return null;
        }
        return customers.findByIdentity(key).map(CustomerProfile::id).orElse(null);
    }

    private void showMessage(String text) {
        customerId = null;
        message.removeAll();
        message.add(new Span(text));
        message.setVisible(true);
    }

    private void build() {
        title = new H2();
        title.setId("embed-customer-name");
        title.addClassName("embed-title");
        Div head = new Div(title);
        head.addClassName("embed-head");
        if (!readOnly) {
            // the whole workspace in a tab of its own, not inside the frame
            openInParley = new Anchor("", "Open in Parley");
            openInParley.setId("embed-open-in-parley");
            openInParley.setTarget("_blank");
            openInParley.setRouterIgnore(true);
            openInParley.addClassName("embed-open");
            head.add(openInParley);
        } else {
            openInParley = null;
            Span badge = new Span("Read only");
            badge.setId("embed-read-only");
            badge.addClassName("embed-read-only");
            head.add(badge);
        }
        customerPanel = new CustomerPanel();
        customerPanel.setTimelineLinkVisible(false);
        customerPanel.setConversationsTitle("Open conversations");
        customerPanel.onConversationSelected(this::select);
        if (!readOnly) {
            customerPanel.setExtensions(panelExtensions, this::refresh);
        }
        timeline = new TimelinePanel(conversations, timelinePages, this::viewer);
        timeline.setReadOnly(readOnly);
        timeline.onConversationClicked(this::select);
        content.add(head, customerPanel, timeline);
        if (!readOnly) {
            composer = new Composer(conversations, actingAgentId, this::viewer);
            composer.onSent((sent, resolved) -> refresh());
            composer.install(composerExtensions);
            content.add(composer);
        }
        if (!liveBound && actingAgentId != null) {
            liveBound = true;
            UUID liveAgent = actingAgentId;
            live.ifAvailable(l -> l.bind(this, liveAgent, updates -> {
                if (customerId != null && updates.stream().anyMatch(u -> customerId.equals(u.customerId()))) {
                    refresh();
                }
            }));
        }
    }

    Viewer viewer() {
        return viewer;
    }

    /** Whether this page may only show (a signed link without a session). */
    boolean readOnly() {
        return readOnly;
    }

    UUID selectedConversationId() {
        return selectedConversationId;
    }

    /**
     * Replies to the selected conversation: the composer's path, and the only way this page changes anything, so it
     * is refused here (not only hidden) for the read-only viewer of a signed link.
     */
    void reply(String text) {
        requireMayAct();
        if (selectedConversationId == null) {
            throw new InvalidInputException("no conversation is selected");
        }
        ConversationView target = conversations.find(viewer, selectedConversationId)
                .orElseThrow(() -> new NotFoundException("no conversation " + selectedConversationId));
        conversations.reply(viewer, target.id(), target.channel(), text, false);
        refresh();
    }

    private void requireMayAct() {
        if (readOnly || composer == null) {
            throw new AccessDeniedException("this customer panel is read-only (opened by a signed link)");
        }
    }

    private void select(UUID conversationId) {
        Optional<ConversationView> conversation = conversations.find(viewer, conversationId);
        if (conversation.isEmpty()) {
            Notifications.error("There is no conversation " + conversationId + " you can open");
            return;
        }
        selectedConversationId = conversationId;
        timeline.select(conversationId);
        linkToInbox();
        CustomerProfile customer = customers.get(customerId);
        if (composer != null) {
            composer.setTarget(conversation.get(), customer);
        }
        customerPanel.show(customer, open(conversations.conversationsOf(viewer, customerId)), conversationId);
    }

    private void refresh() {
        if (customerId == null) {
            return;
        }
        CustomerProfile customer = customers.get(customerId);
        // only what the acting agent may see, as in the inbox
        List<ConversationView> ofCustomer = conversations.conversationsOf(viewer, customerId);
        List<ConversationView> open = open(ofCustomer);
        if (selectedConversationId != null
                && ofCustomer.stream().noneMatch(c -> c.id().equals(selectedConversationId))) {
            selectedConversationId = null;
        }
        if (selectedConversationId == null) {
            selectedConversationId = (open.isEmpty() ? ofCustomer : open).stream().findFirst()
                    .map(ConversationView::id).orElse(null);
        }
        title.setText(customer.displayName());
        linkToInbox();
        timeline.show(customerId, ofCustomer, selectedConversationId);
        customerPanel.show(customer, open, selectedConversationId);
        if (composer != null) {
            if (selectedConversationId != null) {
                composer.setTarget(ofCustomer.stream().filter(c -> c.id().equals(selectedConversationId))
                        .findFirst().orElseThrow(), customer);
            } else {
                composer.clearTarget();
            }
        }
    }

    private void linkToInbox() {
        if (openInParley != null) {
            openInParley.setHref(selectedConversationId == null ? "customers/" + customerId + "/timeline"
                    : "inbox/" + selectedConversationId);
        }
    }

    private static List<ConversationView> open(List<ConversationView> ofCustomer) {
        return ofCustomer.stream().filter(c -> c.status().isActive()).toList();
    }

    private static String first(QueryParameters query, String name) {
        return query.getParameters().getOrDefault(name, List.of()).stream().findFirst().orElse(null);
    }
}
