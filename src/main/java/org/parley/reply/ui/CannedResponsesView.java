package org.parley.reply.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.component.upload.Upload;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.streams.DownloadHandler;
import com.vaadin.flow.server.streams.DownloadResponse;
import com.vaadin.flow.server.streams.UploadHandler;
import jakarta.annotation.security.PermitAll;
import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.parley.base.InvalidInputException;
import org.parley.base.NotFoundException;
import org.parley.base.ui.Ages;
import org.parley.base.ui.Notifications;
import org.parley.reply.CannedResponseService;
import org.parley.reply.CannedResponseView;
import org.parley.reply.FuzzySearch;
import org.parley.team.CurrentAgent;
import org.parley.team.TeamDirectory;
import org.springframework.security.access.AccessDeniedException;

/**
 * The canned response library: search, create, edit and delete (as the scopes allow), CSV import and
 * export, and how often each response is used, when last and by whom.
 */
@Route("replies")
@Menu(title = "Canned responses", order = 20, icon = "vaadin:comment-ellipsis-o")
@PageTitle("Canned responses · Parley")
@PermitAll
public class CannedResponsesView extends Div {

    private final transient CannedResponseService responses;
    private final transient TeamDirectory team;
    private final UUID agentId;
    private final TextField search = new TextField();
    private final Grid<CannedResponseView> grid = new Grid<>();
    private final Button edit = new Button("Edit", VaadinIcon.EDIT.create());
    private final Button delete = new Button("Delete", VaadinIcon.TRASH.create());
    private final Div usage = new Div();
    private List<CannedResponseView> all = List.of();
    private Map<UUID, String> agentNames = Map.of();

    public CannedResponsesView(CannedResponseService responses, TeamDirectory team, CurrentAgent currentAgent) {
        this.responses = responses;
        this.team = team;
        this.agentId = currentAgent.require().getId();
        addClassName("canned-responses-view");
        setSizeFull();

        search.setId("replies-search");
        search.setPlaceholder("Search title, shortcut or text");
        search.setPrefixComponent(VaadinIcon.SEARCH.create());
        search.setClearButtonVisible(true);
        search.setValueChangeMode(ValueChangeMode.LAZY);
        search.addValueChangeListener(e -> filter());

        Button create = new Button("New response", VaadinIcon.PLUS.create(), e -> openEditor(null));
        create.setId("replies-new");
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        edit.setId("replies-edit");
        edit.addClickListener(e -> grid.asSingleSelect().getOptionalValue().ifPresent(this::openEditor));
        delete.setId("replies-delete");
        delete.addThemeVariants(ButtonVariant.LUMO_ERROR);
        delete.addClickListener(e -> grid.asSingleSelect().getOptionalValue().ifPresent(this::confirmDelete));

        Anchor export = new Anchor(DownloadHandler.fromInputStream(event -> {
            byte[] csv = responses.exportCsv(agentId).getBytes(StandardCharsets.UTF_8);
            return new DownloadResponse(new ByteArrayInputStream(csv), "canned-responses.csv", "text/csv",
                    csv.length);
        }), "Export CSV");
        export.setId("replies-export");
        export.getElement().setAttribute("download", true);

        Upload upload = new Upload(UploadHandler.inMemory((metadata, bytes) -> getUI().ifPresent(ui -> ui.access(
                () -> importCsv(bytes)))));
        upload.setId("replies-import");
        upload.setAcceptedFileTypes("text/csv", ".csv");
        upload.setMaxFileSize(5 * 1024 * 1024);
        upload.setDropLabel(new com.vaadin.flow.component.html.Span("Import CSV"));

        grid.setId("replies-grid");
        // titles and macros wrap at 1280 px instead of ending in "…" behind a horizontal scrollbar
        grid.addThemeVariants(com.vaadin.flow.component.grid.GridVariant.LUMO_WRAP_CELL_CONTENT);
        grid.addColumn(CannedResponseView::title).setHeader("Title").setFlexGrow(3).setSortable(true);
        grid.addColumn(r -> "/" + r.shortcut()).setHeader("Shortcut").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(this::scopeLabel).setHeader("Scope").setFlexGrow(1);
        grid.addColumn(r -> r.folder() == null ? "" : r.folder()).setHeader("Folder").setSortable(true).setFlexGrow(1);
        grid.addColumn(r -> String.join(" ", r.tags())).setHeader("Tags").setFlexGrow(1);
        grid.addColumn(r -> r.macro().describe()).setHeader("Macro").setFlexGrow(2);
        grid.addColumn(CannedResponseView::timesUsed).setHeader("Used").setSortable(true).setAutoWidth(true)
                .setFlexGrow(0);
        grid.addColumn(r -> r.lastUsedAt() == null ? "never" : Ages.dateTime(r.lastUsedAt()))
                .setHeader("Last used").setFlexGrow(1);
        grid.addColumn(r -> r.lastUsedBy() == null ? "" : agentNames.getOrDefault(r.lastUsedBy(), ""))
                .setHeader("By").setFlexGrow(1);
        grid.asSingleSelect().addValueChangeListener(e -> selected(e.getValue()));

        usage.setId("replies-usage");
        usage.addClassName("replies-usage");
        Div tools = new Div(search, create, edit, delete, export, upload);
        tools.addClassName("replies-tools");
        add(new H2("Canned responses"), tools, grid, usage);
        reload();
    }

    void reload() {
        all = responses.visibleTo(agentId);
        agentNames = team.agentNames(all.stream().map(CannedResponseView::lastUsedBy)
                .filter(java.util.Objects::nonNull).collect(Collectors.toSet()));
        filter();
    }

    private void filter() {
        String q = search.getValue();
        grid.setItems(q == null || q.isBlank() ? all : FuzzySearch.search(all, q, all.size()));
        selected(null);
    }

    List<CannedResponseView> shown() {
        return grid.getGenericDataView().getItems().toList();
    }

    private void selected(CannedResponseView r) {
        boolean manage = r != null && responses.canManage(agentId, r.id());
        edit.setEnabled(manage);
        delete.setEnabled(manage);
        usage.removeAll();
        if (r != null) {
            List<CannedResponseService.Usage> rows = responses.usage(agentId, r.id());
            usage.add(new Div(rows.isEmpty() ? "Not used yet." : "Used by: " + rows.stream()
                    .map(u -> u.agentName() + " " + u.timesUsed() + "× (last " + Ages.dateTime(u.lastUsedAt()) + ")")
                    .collect(Collectors.joining(", "))));
        }
    }

    private String scopeLabel(CannedResponseView r) {
        return switch (r.scope()) {
            case GLOBAL -> "Global";
            case PERSONAL -> "Personal";
            case TEAM -> "Team " + team.findTeam(r.teamId()).map(t -> t.getName()).orElse("?");
        };
    }

    private void openEditor(CannedResponseView existing) {
        new CannedResponseEditor(responses, agentId, existing, saved -> {
            reload();
            grid.select(saved);
        }).open();
    }

    private void confirmDelete(CannedResponseView r) {
        ConfirmDialog confirm = new ConfirmDialog("Delete “" + r.title() + "”?",
                "The response and its usage figures are removed for everyone who could use it.", "Delete",
                e -> {
                    try {
                        responses.delete(agentId, r.id());
                        Notifications.success("Deleted");
                        reload();
                    } catch (AccessDeniedException | NotFoundException e2) {
                        Notifications.error(e2.getMessage());
                    }
                });
        confirm.setCancelable(true);
        confirm.setConfirmButtonTheme("error primary");
        confirm.open();
    }

    void importCsv(byte[] bytes) {
        try {
            CannedResponseService.ImportResult result = responses.importCsv(agentId,
                    new InputStreamReader(new ByteArrayInputStream(bytes), StandardCharsets.UTF_8));
            Notifications.success("Imported: " + result.created() + " new, " + result.updated() + " updated");
            reload();
        } catch (InvalidInputException e) {
            Notifications.error("Nothing imported. " + e.getMessage());
        }
    }
}
