package org.parley.customer.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.component.upload.Upload;
import com.vaadin.flow.server.streams.UploadHandler;
import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import org.parley.base.InvalidInputException;
import org.parley.customer.CustomerAttributeImport;

/** Customer attributes from a CRM's CSV export, merged by identity; says what it did and which lines it refused. */
class AttributeImportDialog extends Dialog {

    private static final int SHOWN_PROBLEMS = 20;

    private final transient CustomerAttributeImport importer;
    private final Div result = new Div();
    private final Runnable afterImport;

    AttributeImportDialog(CustomerAttributeImport importer, Runnable afterImport) {
        this.importer = importer;
        this.afterImport = afterImport;
        setId("attribute-import");
        setHeaderTitle("Import customer attributes");
        setWidth("min(640px, 96vw)");
        Paragraph how = new Paragraph("A CSV file whose first line names the columns: 'identity' (TYPE:value, e.g."
                + " EMAIL:jane@example.com or PHONE:+4930123456) and one column per attribute (e.g. plan, seats)."
                + " Each line is merged into the customer who owns the identity; an empty cell leaves that attribute"
                + " as it is.");
        Upload upload = new Upload(UploadHandler.inMemory((metadata, bytes) -> getUI().ifPresent(ui -> ui.access(
                () -> apply(bytes)))));
        upload.setId("attribute-import-upload");
        upload.setAcceptedFileTypes("text/csv", ".csv");
        upload.setMaxFileSize(5 * 1024 * 1024);
        upload.setDropLabel(new Span("Drop a CSV file here"));
        result.setId("attribute-import-result");
        add(how, upload, result);
        getFooter().add(new Button("Close", e -> close()));
    }

    void apply(byte[] bytes) {
        result.removeAll();
        try {
            CustomerAttributeImport.Result done = importer.importCsv(
                    new InputStreamReader(new ByteArrayInputStream(bytes), StandardCharsets.UTF_8));
            result.add(new Paragraph(done.updated() + " customer(s) updated, " + done.unknown()
                    + " line(s) without a known customer, " + done.problems().size() + " line(s) not applied."));
            if (!done.problems().isEmpty()) {
                UnorderedList list = new UnorderedList();
                done.problems().stream().limit(SHOWN_PROBLEMS).forEach(p -> list.add(new ListItem(p)));
                if (done.problems().size() > SHOWN_PROBLEMS) {
                    list.add(new ListItem("… and " + (done.problems().size() - SHOWN_PROBLEMS) + " more"));
                }
                result.add(list);
            }
            afterImport.run();
        } catch (InvalidInputException e) {
            result.add(new Paragraph("Nothing imported. " + e.getMessage()));
        }
    }
}
