package org.parley.base.csv;

import java.io.Closeable;
import java.io.Flushable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * The one way Parley writes CSV (RFC 4180, UTF-8): every export goes through here, so no export can forget to
 * defuse spreadsheet formulas. A text cell that a spreadsheet would read as a formula — one starting with
 * {@code =}, {@code +}, {@code -}, {@code @}, a tab or a carriage return (OWASP's list) — is written with a
 * leading single quote, which spreadsheets show as text. Numbers, dates and ids are written as they are (they
 * come from Parley, not from a person). {@link #restore} undoes the quoting exactly, for an import of a file
 * Parley wrote.
 */
public final class CsvWriter implements Closeable, Flushable {

    private final CSVPrinter printer;

    private CsvWriter(Appendable out, String... header) throws IOException {
        this.printer = CSVFormat.RFC4180.builder().setHeader(header).get().print(out);
    }

    /** A writer to {@code out} (UTF-8) that starts with the header row. Closing it closes {@code out}. */
    public static CsvWriter to(OutputStream out, String... header) throws IOException {
        return new CsvWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), header);
    }

    /** A writer to {@code out} that starts with the header row. */
    public static CsvWriter to(Appendable out, String... header) throws IOException {
        return new CsvWriter(out, header);
    }

    /** One record; text cells that could be formulas are neutralised, {@code null} is an empty cell. */
    public void row(Object... cells) throws IOException {
        row(Arrays.asList(cells));
    }

    public void row(Iterable<?> cells) throws IOException {
        List<Object> safe = new ArrayList<>();
        for (Object cell : cells) {
            safe.add(cell instanceof CharSequence text ? neutralise(text.toString()) : cell);
        }
        printer.printRecord(safe);
    }

    @Override
    public void flush() throws IOException {
        printer.flush();
    }

    @Override
    public void close() throws IOException {
        printer.close(true);
    }

    /**
     * The cell as written: with a leading {@code '} when a spreadsheet would take it for a formula, and also when
     * it already starts with quotes followed by such a character (so that {@link #restore} is its exact inverse).
     */
    public static String neutralise(String value) {
        return value != null && needsQuote(value) ? "'" + value : value;
    }

    /** The value {@link #neutralise} was given, for a cell it wrote (other cells come back unchanged). */
    public static String restore(String cell) {
        return cell != null && cell.startsWith("'") && needsQuote(cell.substring(1)) ? cell.substring(1) : cell;
    }

    private static boolean needsQuote(String value) {
        int i = 0;
        while (i < value.length() && value.charAt(i) == '\'') {
            i++;
        }
        if (i == value.length()) {
            return false;
        }
        char c = value.charAt(i);
        return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r';
    }
}
