package org.parley.report.ui;

import com.vaadin.flow.component.Svg;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.dependency.StyleSheet;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.streams.DownloadHandler;
import jakarta.annotation.security.RolesAllowed;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import java.util.UUID;
import org.parley.base.InvalidInputException;
import org.parley.conversation.ConversationAccess;
import org.parley.conversation.ConversationService;
import org.parley.conversation.ConversationView;
import org.parley.csat.CsatReports;
import org.parley.csat.ui.CsatReportSection;
import org.parley.customer.CustomerDirectory;
import org.parley.base.Channel;
import org.parley.report.DrillRow;
import org.parley.report.GroupBy;
import org.parley.report.Report;
import org.parley.report.ReportRequest;
import org.parley.report.ReportTable;
import org.parley.report.Reports;
import org.parley.team.CurrentAgent;

/**
 * Supervisor reports: a date range and a grouping; response times, resolution, SLA compliance and volume
 * with median and p90; server-drawn SVG charts; a click on a row opens a dialog listing the conversations
 * behind it (subject, customer, channel, times, a link to each); every table downloads as CSV. A team lead sees
 * only the teams they lead (enforced by {@link Reports}). Business-hours columns are left out while no
 * conversation of the range runs under an SLA policy (they would only repeat the calendar-time ones).
 */
@Route("reports")
@Menu(title = "Reports", order = 60, icon = "vaadin:chart")
@PageTitle("Reports · Parley")
@RolesAllowed({"ADMIN", "SUPERVISOR", "LEAD"})
@StyleSheet("styles/reports.css")
public class ReportsView extends VerticalLayout {

    /** A conversation behind a figure, with its subject and customer for the drill-down dialog. */
    public record DrillLine(DrillRow row, String subject, String customer) {
    }

    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final transient Reports reports;
    private final transient ConversationService conversations;
    private final transient CustomerDirectory customers;
    private final transient ConversationAccess.Viewer conversationViewer;
    private final UUID viewer;
    private final ZoneId zone = ZoneId.systemDefault();
    private final DatePicker from = new DatePicker("From");
    private final DatePicker to = new DatePicker("To (inclusive)");
    private final Select<GroupBy> groupBy = new Select<>();
    private final Div charts = new Div();
    private final VerticalLayout tables = new VerticalLayout();
    private final H3 drillTitle = new H3();
    private final Grid<DrillLine> drill = new Grid<>();
    private final Dialog drillDialog = new Dialog();
    private final Span businessNote = new Span();
    /** Customer satisfaction (the csat module's tables). */
    private final CsatReportSection csat;
    private final TreeMap<Integer, Reports.DrillCursor> cursors = new TreeMap<>();
    /** The report on screen; CSV downloads read it outside the UI lock. */
    private volatile Report report;
    private String drillTable;
    private String drillKey;

    public ReportsView(Reports reports, ConversationService conversations, CustomerDirectory customers,
            ConversationAccess access, CurrentAgent currentAgent, Clock clock, CsatReports csatReports) {
        this.reports = reports;
        this.conversations = conversations;
        this.customers = customers;
        this.viewer = currentAgent.require().getId();
        this.conversationViewer = access.viewerOf(viewer);
        this.csat = new CsatReportSection(csatReports, conversationViewer);
        addClassName("reports-view");
        setWidthFull();

        LocalDate today = LocalDate.now(clock.withZone(zone));
        from.setValue(today.minusDays(29));
        to.setValue(today);
        from.setId("reports-from");
        to.setId("reports-to");
        groupBy.setLabel("Group by");
        groupBy.setItems(GroupBy.values());
        groupBy.setItemLabelGenerator(GroupBy::label);
        groupBy.setValue(GroupBy.DAY);
        groupBy.setId("reports-group");
        Button show = new Button("Show", VaadinIcon.REFRESH.create(), e -> refresh());
        show.setId("reports-show");
        from.addValueChangeListener(e -> refresh());
        to.addValueChangeListener(e -> refresh());
        groupBy.addValueChangeListener(e -> refresh());
        HorizontalLayout filters = new HorizontalLayout(from, to, groupBy, show);
        filters.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        filters.setWrap(true);

        Span scopeNote = new Span(reports.scopeDescription(conversationViewer) + " · times in " + zone.getId());
        scopeNote.addClassName("reports-scope");

        charts.addClassName("reports-charts");
        charts.getStyle().set("display", "flex").set("flex-wrap", "wrap").set("gap", "var(--lumo-space-m)");
        tables.setPadding(false);

        drill.addColumn(l -> TIME.format(l.row().createdAt().atZone(zone))).setHeader("Created").setKey("created")
                .setAutoWidth(true).setFlexGrow(0);
        drill.addColumn(DrillLine::subject).setHeader("Subject").setKey("subject").setFlexGrow(3)
                .setTooltipGenerator(DrillLine::subject);
        drill.addColumn(DrillLine::customer).setHeader("Customer").setKey("customer").setFlexGrow(2);
        drill.addColumn(l -> Channel.valueOf(l.row().channel()).label()).setHeader("Channel").setKey("channel")
                .setAutoWidth(true).setFlexGrow(0);
        drill.addColumn(l -> l.row().status().charAt(0) + l.row().status().substring(1).toLowerCase(Locale.ROOT))
                .setHeader("Status").setKey("status").setAutoWidth(true).setFlexGrow(0);
        drill.addColumn(l -> duration(l.row().firstResponseSeconds())).setHeader("First response")
                .setKey("firstResponse").setAutoWidth(true).setFlexGrow(0);
        drill.addColumn(l -> l.row().resolvedAt() == null ? "–" : TIME.format(l.row().resolvedAt().atZone(zone)))
                .setHeader("Resolved").setKey("resolved").setAutoWidth(true).setFlexGrow(0);
        drill.addColumn(l -> duration(l.row().resolutionSeconds())).setHeader("Resolution").setKey("resolution")
                .setAutoWidth(true).setFlexGrow(0);
        drill.addColumn(l -> l.row().slaBreaches()).setHeader("SLA breaches").setKey("breaches").setAutoWidth(true)
                .setFlexGrow(0);
        drill.addComponentColumn(l -> {
            Anchor open = new Anchor("inbox/" + l.row().conversationId(), "Open");
            open.getElement().setAttribute("router-link", true);
            open.getElement().setAttribute("title", "Open the conversation in the inbox");
            return open;
        }).setHeader("").setKey("open").setAutoWidth(true).setFlexGrow(0);
        drill.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
        drill.setId("reports-drill");
        drill.setHeight("min(60vh, 520px)");
        drill.setItems(query -> fetchDrill(query.getOffset(), query.getLimit()).stream());
        drillTitle.setId("reports-drill-title");
        drillTitle.addClassName("reports-drill-title");
        drillDialog.setId("reports-drill-dialog");
        drillDialog.setWidth("min(1180px, 96vw)");
        drillDialog.getHeader().add(drillTitle);
        Button close = new Button("Close", e -> drillDialog.close());
        close.setId("reports-drill-close");
        drillDialog.getFooter().add(close);
        drillDialog.add(drill);
        drillDialog.addOpenedChangeListener(e -> {
            if (!e.isOpened()) {
                drillTable = null;
            }
        });
        businessNote.setId("reports-business-note");
        businessNote.addClassName("reports-note");

        add(new H2("Reports"), scopeNote, filters, charts, businessNote, tables, csat);
        refresh();
    }

    Report currentReport() {
        return report;
    }

    private void refresh() {
        ReportRequest request;
        try {
            request = new ReportRequest(from.getValue(), to.getValue(), zone, groupBy.getValue());
        } catch (InvalidInputException e) {
            Notification.show(e.getMessage());
            return;
        }
        Report r = reports.report(conversationViewer, request);
        report = r;
        charts.removeAll();
        List<String> hours = new ArrayList<>();
        for (int h = 0; h < 24; h++) {
            hours.add(String.format(Locale.ROOT, "%02d", h));
        }
        long[] waits = r.waitBuckets().stream().mapToLong(Report.Bucket::count).toArray();
        charts.add(chart("chart-response-times", SvgChart.bars("Response times (first and later replies)",
                r.waitBuckets().stream().map(Report.Bucket::label).toList(), waits)));
        charts.add(chart("chart-sla-trend", SvgChart.percentLine("SLA compliance by day (no breach)",
                r.slaTrend().stream().map(p -> p.day().toString().substring(5)).toList(),
                r.slaTrend().stream().map(Report.TrendPoint::metPercent).toList())));
        charts.add(chart("chart-volume-by-hour", SvgChart.bars("New conversations by hour of day", hours, r.newByHour())));

        ReportTable sla = r.table(Reports.SLA);
        Double underSla = sla.rows().getFirst().value(sla.column("underSla"));
        boolean business = underSla != null && underSla > 0;
        businessNote.setText(business
                ? "Business hours: measured in the calendar of each conversation's SLA policy (conversations under"
                        + " no policy count around the clock)."
                : "No conversation created in this range runs under an SLA policy, so there are no business-hours"
                        + " figures: every time is calendar time.");
        tables.removeAll();
        for (ReportTable table : r.tables()) {
            tables.add(tableSection(table, r.request().groupBy(), business));
        }
        csat.show(request.from(), request.to(), zone);
        drillDialog.close();
    }

    private static Svg chart(String id, String svg) {
        Svg chart = new Svg(svg);
        chart.setId(id);
        return chart;
    }

    private VerticalLayout tableSection(ReportTable table, GroupBy grouping, boolean business) {
        Grid<ReportTable.Row> grid = new Grid<>();
        grid.setId("report-" + table.id());
        grid.addColumn(ReportTable.Row::label).setHeader(grouping.label()).setAutoWidth(true).setFrozen(true);
        for (int i = 0; i < table.columns().size(); i++) {
            int column = i;
            ReportTable.Column c = table.columns().get(i);
            if (!business && c.header().contains("business hours")) {
                continue;
            }
            grid.addColumn(row -> format(c.kind(), row.value(column))).setHeader(c.header()).setKey(c.key())
                    .setAutoWidth(true);
        }
        grid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
        grid.setAllRowsVisible(table.rows().size() <= 15);
        if (table.rows().size() > 15) {
            grid.setHeight("480px");
        }
        grid.setItems(table.rows());
        grid.addItemClickListener(e -> showDrill(table, e.getItem()));

        DownloadHandler csv = event -> {
            event.setFileName("parley-report-" + table.id() + "-" + report.request().from() + "-" + report.request().to()
                    + ".csv");
            event.setContentType("text/csv");
            try (OutputStream out = event.getOutputStream()) {
                reports.exportCsv(conversationViewer, report, table.id(), out);
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

    /** Opens the dialog with the conversations behind a row of a table. */
    void showDrill(ReportTable table, ReportTable.Row row) {
        drillTable = table.id();
        drillKey = row.key();
        drillTitle.setText("Conversations behind " + table.title() + " · " + row.label());
        cursors.clear();
        drill.getDataProvider().refreshAll();
        drillDialog.open();
    }

    Dialog drillDialog() {
        return drillDialog;
    }

    /** A page of the drill-down with subjects and customers (only of conversations the viewer may see). */
    private List<DrillLine> fetchDrill(int offset, int limit) {
        List<DrillRow> page = fetchDrillRows(offset, limit);
        java.util.Map<UUID, ConversationView> found = new java.util.HashMap<>();
        for (DrillRow r : page) {
            conversations.find(conversationViewer, r.conversationId()).ifPresent(c -> found.put(r.conversationId(), c));
        }
        java.util.Map<UUID, String> names = customers.names(found.values().stream().map(ConversationView::customerId)
                .distinct().toList());
        return page.stream().map(r -> {
            ConversationView c = found.get(r.conversationId());
            String subject = c == null ? "(not visible to you)" : c.subject() != null && !c.subject().isBlank()
                    ? c.subject() : c.snippet() == null ? "(no subject)" : c.snippet();
            return new DrillLine(r, subject, c == null ? "" : names.getOrDefault(c.customerId(), ""));
        }).toList();
    }

    private List<DrillRow> fetchDrillRows(int offset, int limit) {
        if (drillTable == null || report == null) {
            return List.of();
        }
        Reports.DrillCursor after = offset == 0 ? null : cursors.get(offset - 1);
        if (offset > 0 && after == null) {
            // a jump far ahead: walk there page by page
            Integer known = cursors.floorKey(offset - 1);
            int position = known == null ? 0 : known + 1;
            Reports.DrillCursor cursor = known == null ? null : cursors.get(known);
            while (position < offset) {
                List<DrillRow> skipped = reports.drillDown(conversationViewer, report.request(), drillTable, drillKey, cursor,
                        Math.min(500, offset - position));
                if (skipped.isEmpty()) {
                    return List.of();
                }
                remember(position, skipped);
                position += skipped.size();
                cursor = cursors.get(position - 1);
            }
            after = cursor;
        }
        List<DrillRow> page = reports.drillDown(conversationViewer, report.request(), drillTable, drillKey, after, limit);
        remember(offset, page);
        return page;
    }

    private void remember(int offset, List<DrillRow> rows) {
        for (int i = 0; i < rows.size(); i++) {
            DrillRow r = rows.get(i);
            cursors.put(offset + i, new Reports.DrillCursor(r.createdAt(), r.conversationId()));
        }
    }

    static String format(ReportTable.Kind kind, Double value) {
        if (value == null) {
            return "–";
        }
        return switch (kind) {
            case COUNT -> String.format(Locale.ROOT, "%,d", Math.round(value));
            case PERCENT -> String.format(Locale.ROOT, "%.1f %%", value);
            case SECONDS -> duration(Math.round(value));
        };
    }

    static String duration(Long seconds) {
        if (seconds == null) {
            return "–";
        }
        Duration d = Duration.ofSeconds(seconds);
        if (d.toDays() > 0) {
            return d.toDays() + " d " + d.toHoursPart() + " h";
        }
        if (d.toHours() > 0) {
            return d.toHours() + " h " + String.format(Locale.ROOT, "%02d", d.toMinutesPart()) + " min";
        }
        if (d.toMinutes() > 0) {
            return d.toMinutes() + " min";
        }
        return d.toSeconds() + " s";
    }
}
