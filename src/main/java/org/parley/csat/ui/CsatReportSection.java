package org.parley.csat.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.server.streams.DownloadHandler;
import java.io.OutputStream;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Locale;
import org.parley.conversation.ConversationAccess.Viewer;
import org.parley.csat.CsatReports;
import org.parley.csat.CsatReports.CsatReport;
import org.parley.csat.CsatReports.Row;
import org.parley.csat.CsatReports.Table;

/**
 * The satisfaction tables of the reports screen: per agent, team, channel and week, each with a CSV download.
 * The screen that shows it passes the range; {@link CsatReports} scopes the answers to the viewer.
 */
public class CsatReportSection extends VerticalLayout {

    private final transient CsatReports reports;
    private final transient Viewer viewer;
    private volatile CsatReport report;

    public CsatReportSection(CsatReports reports, Viewer viewer) {
        this.reports = reports;
        this.viewer = viewer;
        setId("report-csat");
        setPadding(false);
    }

    public void show(LocalDate from, LocalDate to, ZoneId zone) {
        CsatReport r = reports.report(viewer, from, to, zone);
        report = r;
        removeAll();
        for (Table table : r.tables()) {
            add(section(table));
        }
    }

    CsatReport currentReport() {
        return report;
    }

    private VerticalLayout section(Table table) {
        Grid<Row> grid = new Grid<>();
        grid.setId("report-" + table.id());
        grid.addColumn(Row::label).setHeader(table.groupHeader()).setKey("group").setAutoWidth(true);
        grid.addColumn(Row::answers).setHeader("Answers").setKey("answers").setAutoWidth(true);
        grid.addColumn(r -> r.average() == null ? "–" : String.format(Locale.ROOT, "%.2f", r.average()))
                .setHeader("Average score (1-5)").setKey("average").setAutoWidth(true);
        grid.addColumn(r -> r.satisfiedPercent() == null ? "–"
                : String.format(Locale.ROOT, "%.0f %%", r.satisfiedPercent())).setHeader("Satisfied (4-5)")
                .setKey("satisfied").setAutoWidth(true);
        grid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
        grid.setAllRowsVisible(table.rows().size() <= 15);
        if (table.rows().size() > 15) {
            grid.setHeight("480px");
        }
        grid.setItems(table.rows());
        DownloadHandler csv = event -> {
            CsatReport shown = report;
            event.setFileName("parley-report-" + table.id() + "-" + shown.from() + "-" + shown.to() + ".csv");
            event.setContentType("text/csv");
            try (OutputStream out = event.getOutputStream()) {
                reports.exportCsv(viewer, shown, table.id(), out);
            }
        };
        Anchor export = new Anchor(csv, "");
        Button exportButton = new Button("CSV", VaadinIcon.DOWNLOAD.create());
        exportButton.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        export.add(exportButton);
        export.setId("report-" + table.id() + "-csv");
        HorizontalLayout header = new HorizontalLayout(new H3(table.title()), export);
        header.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        VerticalLayout section = new VerticalLayout(header, grid);
        section.setPadding(false);
        section.setSpacing(false);
        return section;
    }
}
