package org.parley.report;

import java.util.List;

/**
 * One table of a report: a row per group (the first row, key {@value #TOTAL}, covers all groups).
 * Values are raw numbers — counts, seconds, percentages — or null where there is nothing to measure.
 */
public record ReportTable(String id, String title, List<Column> columns, List<Row> rows) {

    public static final String TOTAL = "*";

    public enum Kind {
        COUNT, SECONDS, PERCENT
    }

    public record Column(String key, String header, Kind kind) {
    }

    /** @param key what identifies the group for a drill-down (an id, a name, a date, or {@value #TOTAL}) */
    public record Row(String key, String label, List<Double> values) {

        public Double value(int column) {
            return values.get(column);
        }
    }

    public Row row(String key) {
        return rows.stream().filter(r -> r.key().equals(key)).findFirst().orElse(null);
    }

    public int column(String key) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).key().equals(key)) {
                return i;
            }
        }
        throw new IllegalArgumentException("no column " + key + " in table " + id);
    }
}
