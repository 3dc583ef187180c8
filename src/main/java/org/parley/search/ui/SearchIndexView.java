package org.parley.search.ui;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import org.parley.base.ui.Ages;
import org.parley.conversation.ConversationAccess;
import org.parley.search.SearchIndexAdmin;
import org.parley.team.CurrentAgent;

/** Admins see how many messages are searchable and rebuild the search, following its progress. */
@Route("admin/search")
@Menu(title = "Search index", order = 93, icon = "vaadin:search")
@PageTitle("Search index · Parley")
@RolesAllowed("ADMIN")
public class SearchIndexView extends VerticalLayout {

    private final transient SearchIndexAdmin admin;
    private final transient ConversationAccess access;
    private final String username;
    private final Span counts = new Span();
    private final Span phase = new Span();
    private final ProgressBar bar = new ProgressBar(0, 1);
    private final Button rebuild = new Button("Rebuild search", VaadinIcon.REFRESH.create());
    private com.vaadin.flow.shared.Registration polling;

    public SearchIndexView(SearchIndexAdmin admin, ConversationAccess access, CurrentAgent currentAgent) {
        this.admin = admin;
        this.access = access;
        this.username = currentAgent.require().getUsername();
        addClassName("search-index-view");
        counts.setId("search-index-counts");
        phase.setId("search-rebuild-phase");
        bar.setId("search-rebuild-progress");
        rebuild.setId("search-rebuild");
        rebuild.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        rebuild.addClickListener(e -> confirm());
        add(new H2("Search index"),
                new Paragraph("Every message is searchable from the inbox's search field and GET /api/v1/search. A "
                        + "rebuild writes each conversation's search documents afresh and then indexes them all anew; "
                        + "searches keep working meanwhile and find everything again when it is done."),
                counts, new Div(rebuild), phase, bar);
        refresh();
    }

    private void confirm() {
        ConfirmDialog dialog = new ConfirmDialog("Rebuild the search?",
                "All conversations are read again and the index is built anew. On a large desk this takes minutes.",
                "Rebuild", e -> {
                    admin.rebuild(access.currentViewer(), username);
                    refresh();
                });
        dialog.setId("confirm-search-rebuild");
        dialog.setCancelable(true);
        dialog.open();
    }

    void refresh() {
        SearchIndexAdmin.Counts c = admin.counts();
        counts.setText(c.indexed() + " messages searchable (" + c.documents() + " search documents in the database)");
        SearchIndexAdmin.Progress p = admin.progress();
        bar.setValue(p.fraction());
        bar.setVisible(p.running() || p.phase().equals("DONE"));
        rebuild.setEnabled(!p.running());
        phase.setText(switch (p.phase()) {
            case "DOCUMENTS" -> "Writing search documents: " + p.done() + " of " + p.total() + " conversations";
            case "INDEX" -> "Indexing: " + p.done() + " of " + p.total() + " messages";
            case "DONE" -> "Last rebuilt " + Ages.dateTime(p.finishedAt()) + " (" + p.total() + " messages)";
            case "FAILED" -> "The last rebuild failed: " + p.error();
            default -> "";
        });
        getUI().ifPresent(ui -> ui.setPollInterval(p.running() ? 1000 : -1));
    }

    @Override
    protected void onAttach(AttachEvent event) {
        super.onAttach(event);
        polling = event.getUI().addPollListener(e -> refresh());
        refresh();
    }

    @Override
    protected void onDetach(DetachEvent event) {
        event.getUI().setPollInterval(-1);
        if (polling != null) {
            polling.remove();
            polling = null;
        }
        super.onDetach(event);
    }
}
