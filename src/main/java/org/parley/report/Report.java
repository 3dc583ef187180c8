package org.parley.report;

import java.time.LocalDate;
import java.util.List;

/**
 * A whole report: the tables and the data of its charts.
 *
 * @param waitBuckets response-time distribution, calendar time: the first responses of the conversations created in
 *        the range and the later replies sent in the range, by their wait
 * @param slaTrend per day: the share of conversations under an SLA, created that day, with no breach
 * @param newByHour conversations created in the range by hour of day (0-23, viewer's zone)
 */
public record Report(ReportRequest request, List<ReportTable> tables, List<Bucket> waitBuckets,
        List<TrendPoint> slaTrend, long[] newByHour) {

    public record Bucket(String label, long count) {
    }

    public record TrendPoint(LocalDate day, int underSla, Double metPercent) {
    }

    public ReportTable table(String id) {
        return tables.stream().filter(t -> t.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no table " + id));
    }
}
