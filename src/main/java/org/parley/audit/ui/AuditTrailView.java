package org.parley.audit.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.streams.DownloadHandler;
import jakarta.annotation.security.RolesAllowed;
import java.io.OutputStream;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.TreeMap;
import org.parley.audit.AuditCursor;
import org.parley.audit.AuditEntry;
import org.parley.audit.AuditSearch;
import org.parley.audit.AuditTrail;

/**
 * The audit trail for admins: who did what, when and from where, searchable and exportable as CSV. Read
 * only — nothing in the application edits or deletes an entry.
 */
@Route("admin/audit")
@Menu(title = "Audit trail", order = 95, icon = "vaadin:clipboard-text")
@PageTitle("Audit trail · Parley")
@RolesAllowed("ADMIN")
public class AuditTrailView extends VerticalLayout {

    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());

    private final transient AuditTrail audit;
    private final TextField actor = new TextField("User");
    private final TextField action = new TextField("Action");
    private final TextField subject = new TextField("Record id");
    private final TextField text = new TextField("Details contain");
    private final DatePicker from = new DatePicker("From");
    private final DatePicker to = new DatePicker("To (inclusive)");
    private final Grid<AuditEntry> grid = new Grid<>();
    /** Keyset cursors by grid offset: scrolling on continues after the last row fetched. */
    private final TreeMap<Integer, AuditCursor> cursors = new TreeMap<>();
    /** The filters as last applied; the CSV download reads it outside the UI lock. */
    private volatile AuditSearch search = AuditSearch.ALL;

    public AuditTrailView(AuditTrail audit) {
        this.audit = audit;
        addClassName("audit-view");
        setSizeFull();

        actor.setId("audit-actor");
        action.setId("audit-action");
        action.setPlaceholder("e.g. login, customer.");
        subject.setId("audit-subject");
        text.setId("audit-text");
        for (TextField field : List.of(actor, action, subject, text)) {
            field.setClearButtonVisible(true);
            field.setValueChangeMode(ValueChangeMode.LAZY);
            field.addValueChangeListener(e -> refresh());
        }
        from.addValueChangeListener(e -> refresh());
        to.addValueChangeListener(e -> refresh());

        DownloadHandler csv = event -> {
            event.setFileName("parley-audit-" + LocalDate.now() + ".csv");
            event.setContentType("text/csv");
            try (OutputStream out = event.getOutputStream()) {
                audit.exportCsv(search, out);
            }
        };
        Anchor export = new Anchor(csv, "");
        Button exportButton = new Button("Export CSV", VaadinIcon.DOWNLOAD.create());
        exportButton.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        export.add(exportButton);
        export.setId("audit-export");

        HorizontalLayout filters = new HorizontalLayout(actor, action, subject, text, from, to, export);
        filters.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        filters.setWrap(true);

        grid.addColumn(e -> TIME.format(e.getOccurredAt())).setHeader("When").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(AuditEntry::getActor).setHeader("Who").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(AuditEntry::getAction).setHeader("Action").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(e -> e.getSubjectType() == null ? "" : e.getSubjectType() + " " + nullToEmpty(e.getSubjectId()))
                .setHeader("Record").setAutoWidth(true);
        grid.addColumn(AuditEntry::getDetails).setHeader("Details").setFlexGrow(1);
        grid.addColumn(e -> nullToEmpty(e.getOrigin())).setHeader("From").setAutoWidth(true).setFlexGrow(0);
        grid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
        grid.setId("audit-grid");
        grid.setSizeFull();
        // no total count: the trail can be long, so the grid scrolls on as long as pages come back full
        grid.setItems(query -> fetch(query.getOffset(), query.getLimit()).stream());

        add(new H2("Audit trail"), filters, grid);
        setFlexGrow(1, grid);
    }

    private AuditSearch filters() {
        Instant fromTime = from.getValue() == null ? null : from.getValue().atStartOfDay(ZoneId.systemDefault()).toInstant();
        Instant toTime = to.getValue() == null ? null
                : to.getValue().plusDays(1).atStartOfDay(ZoneId.systemDefault()).toInstant();
        return new AuditSearch(actor.getValue(), action.getValue(), subject.getValue(), text.getValue(), fromTime, toTime);
    }

    private List<AuditEntry> fetch(int offset, int limit) {
        AuditCursor after = offset == 0 ? null : cursors.get(offset - 1);
        if (offset > 0 && after == null) {
            // a jump far ahead: walk there page by page (the grid only asks this after a fast scroll)
            Integer known = cursors.floorKey(offset - 1);
            int position = known == null ? 0 : known + 1;
            AuditCursor cursor = known == null ? null : cursors.get(known);
            while (position < offset) {
                List<AuditEntry> skipped = audit.search(search, cursor, Math.min(500, offset - position));
                if (skipped.isEmpty()) {
                    return List.of();
                }
                remember(position, skipped);
                position += skipped.size();
                cursor = cursors.get(position - 1);
            }
            after = cursor;
        }
        List<AuditEntry> page = audit.search(search, after, limit);
        remember(offset, page);
        return page;
    }

    private void remember(int offset, List<AuditEntry> rows) {
        for (int i = 0; i < rows.size(); i++) {
            AuditEntry e = rows.get(i);
            cursors.put(offset + i, new AuditCursor(e.getOccurredAt(), e.getId()));
        }
    }

    private void refresh() {
        search = filters();
        cursors.clear();
        grid.getDataProvider().refreshAll();
    }

    private static String nullToEmpty(String text) {
        return text == null ? "" : text;
    }
}
