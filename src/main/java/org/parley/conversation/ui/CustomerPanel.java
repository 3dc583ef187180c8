package org.parley.conversation.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.Span;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Consumer;
import org.parley.base.ui.Ages;
import org.parley.base.ui.ChannelIcons;
import org.parley.conversation.ConversationView;
import org.parley.customer.CustomerProfile;

/** Who the customer is: identities, CRM attributes, first seen, and their other conversations. */
public class CustomerPanel extends Div {

    private Consumer<UUID> conversationSelected = id -> {
    };
    private boolean timelineLink = true;
    private List<org.parley.conversation.CustomerPanelExtension> extensions = List.of();
    private Runnable extensionChanged = () -> {
    };
    private String conversationsTitle = "Conversations";

    /** What the panel was last built from, or null. */
    private List<Object> shown;

    public CustomerPanel() {
        setId("customer-panel");
        addClassName("customer-panel");
    }

    /** Called with a conversation id when the agent picks one of the customer's conversations. */
    public void onConversationSelected(Consumer<UUID> listener) {
        this.conversationSelected = listener;
    }

    /** Hides the link to the customer timeline (on the timeline page itself). */
    public void setTimelineLinkVisible(boolean visible) {
        this.timelineLink = visible;
    }

    /** The heading above the conversations shown (e.g. "Open conversations" when only those are given). */
    public void setConversationsTitle(String title) {
        this.conversationsTitle = title;
    }

    /** Actions other modules add to the panel (e.g. log a call); {@code changed} runs after one stored something. */
    public void setExtensions(List<org.parley.conversation.CustomerPanelExtension> extensions, Runnable changed) {
        this.extensions = List.copyOf(extensions);
        // what an extension stored may show in the extensions themselves: build the panel again then
        this.extensionChanged = () -> {
            shown = null;
            changed.run();
        };
    }

    public void clear() {
        shown = null;
        removeAll();
    }

    /**
     * Shows the customer, their conversations and the extensions. A push that changes nothing the panel shows (a new
     * message of a conversation whose line reads the same) leaves it as it is: nothing is built or sent again.
     */
    public void show(CustomerProfile customer, List<ConversationView> conversations, UUID selectedConversationId) {
        List<Object> lines = new java.util.ArrayList<>();
        for (ConversationView c : conversations) {
            lines.add(List.of(c.id(), c.channel(), String.valueOf(c.subject()), c.status(), c.priority(),
                    String.valueOf(c.teamId()), String.valueOf(c.assigneeId()), Ages.age(c.lastActivityAt())));
        }
        // the customer as the panel shows it: without the last-seen time every message moves, which rebuilt the
        // whole panel (and sent it to the browser again) on each message of the customer
        CustomerProfile asShown = new CustomerProfile(customer.id(), customer.displayName(), customer.firstName(),
                customer.company(), customer.notes(), customer.createdAt(), null, customer.attributes(),
                customer.identities());
        List<Object> shownNow = List.of(asShown, lines, String.valueOf(selectedConversationId), timelineLink,
                conversationsTitle);
        if (shownNow.equals(shown)) {
            return;
        }
        shown = shownNow;
        removeAll();
        H3 name = new H3(customer.displayName());
        name.addClassName("customer-name");
        name.setId("customer-name");
        add(name);
        if (customer.company() != null) {
            Div company = new Div(customer.company());
            company.addClassName("customer-company");
            add(company);
        }
        Button open = new Button("Customer timeline",
                e -> getUI().ifPresent(ui -> ui.navigate("customers/" + customer.id() + "/timeline")));
        open.setId("open-customer-timeline");
        open.addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE, ButtonVariant.LUMO_SMALL);
        open.setVisible(timelineLink);
        Div actions = new Div(open);
        actions.addClassName("customer-panel-actions");
        extensions.forEach(x -> actions.add(x.create(customer, selectedConversationId, extensionChanged)));
        add(actions);

        add(section("Identities"));
        Div identities = new Div();
        identities.addClassName("customer-identities");
        if (customer.identities().isEmpty()) {
            identities.add(muted("none"));
        }
        customer.identities().forEach(i -> {
            Div row = new Div(ChannelIcons.icon(i.type()), new Span(i.displayValue() == null ? i.value()
                    : i.displayValue()));
            row.addClassName("identity");
            identities.add(row);
        });
        add(identities);

        add(section("Attributes"));
        Div attributes = new Div();
        attributes.addClassName("customer-attributes");
        if (customer.attributes().isEmpty()) {
            attributes.add(muted("none"));
        }
        new TreeMap<>(customer.attributes()).forEach((key, value) -> {
            Div row = new Div(new Span(key), new Span(value));
            row.addClassName("attribute");
            attributes.add(row);
        });
        add(attributes);

        Div facts = new Div(new Span("First seen " + Ages.date(customer.createdAt())),
                new Span(conversations.size() + (conversations.size() == 1 ? " conversation" : " conversations")));
        facts.addClassName("customer-facts");
        facts.setId("customer-facts");
        add(facts);
        if (customer.notes() != null) {
            Div notes = new Div(customer.notes());
            notes.addClassName("customer-notes");
            add(notes);
        }

        add(section(conversationsTitle));
        Div list = new Div();
        list.addClassName("customer-conversations");
        for (ConversationView c : conversations) {
            Span subject = new Span(c.subject() == null ? "(no subject)" : c.subject());
            subject.addClassName("subject");
            Span status = new Span(TimelinePanel.label(c.status().name()));
            status.addClassNames("status", "status-" + c.status().name().toLowerCase(Locale.ROOT));
            Span age = new Span(Ages.age(c.lastActivityAt()));
            age.addClassName("age");
            Div row = new Div(ChannelIcons.icon(c.channel()), subject, status, age);
            row.addClassName("customer-conversation");
            row.getElement().setAttribute("data-conversation", c.id().toString());
            row.getElement().getClassList().set("selected", c.id().equals(selectedConversationId));
            row.getElement().setAttribute("role", "button");
            row.getElement().setAttribute("tabindex", "0");
            row.addClickListener(e -> conversationSelected.accept(c.id()));
            list.add(row);
        }
        add(list);
    }

    private static H4 section(String title) {
        H4 h = new H4(title);
        h.addClassName("panel-section");
        return h;
    }

    private static Span muted(String text) {
        Span s = new Span(text);
        s.addClassName("muted");
        return s;
    }
}
