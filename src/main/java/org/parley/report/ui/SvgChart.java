package org.parley.report.ui;

import java.util.List;
import java.util.Locale;

/**
 * Small charts as SVG text, drawn on the server: bar charts and a line chart with a 0-100 % axis. No
 * JavaScript, no chart library; the browser renders the markup as it is.
 */
public final class SvgChart {

    static final int WIDTH = 480;
    static final int HEIGHT = 220;
    private static final int LEFT = 44;
    private static final int RIGHT = 8;
    private static final int TOP = 24;
    private static final int BOTTOM = 40;
    /** About the width of one character of the 10 px sans-serif labels. */
    static final double CHAR_WIDTH = 5.6;

    private SvgChart() {
    }

    /** Vertical bars, one per label; {@code values} are counts. */
    public static String bars(String title, List<String> labels, long[] values) {
        StringBuilder svg = open(title);
        long max = 1;
        for (long v : values) {
            max = Math.max(max, v);
        }
        int plotW = WIDTH - LEFT - RIGHT;
        int plotH = HEIGHT - TOP - BOTTOM;
        long step = countStep(max);
        int steps = (int) Math.ceil((double) max / step);
        max = step * steps;
        axis(svg, steps, step, "");
        double slot = (double) plotW / Math.max(1, values.length);
        int labelEvery = Math.max(1, (int) Math.ceil(values.length / 12.0));
        // labels wider than their room ("15–30 min" beside "30–60 min") alternate between two lines
        int widest = labels.stream().mapToInt(String::length).max().orElse(0);
        boolean stagger = widest * CHAR_WIDTH > slot * labelEvery - 4;
        int shown = 0;
        for (int i = 0; i < values.length; i++) {
            double h = plotH * (double) values[i] / max;
            double x = LEFT + i * slot + slot * 0.15;
            svg.append(String.format(Locale.ROOT,
                    "<rect class=\"bar\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"#1a73e8\">"
                            + "<title>%s: %d</title></rect>",
                    x, TOP + plotH - h, slot * 0.7, h, escape(labels.get(i)), values[i]));
            if (i % labelEvery == 0) {
                int line = stagger && shown++ % 2 == 1 ? 26 : 14;
                svg.append(String.format(Locale.ROOT,
                        "<text x=\"%.1f\" y=\"%d\" font-size=\"10\" text-anchor=\"middle\">%s</text>",
                        LEFT + i * slot + slot / 2, HEIGHT - BOTTOM + line, escape(labels.get(i))));
            }
        }
        return svg.append("</svg>").toString();
    }

    /** A line over days with a 0-100 % axis; a null value (no data that day) breaks the line. */
    public static String percentLine(String title, List<String> labels, List<Double> values) {
        StringBuilder svg = open(title);
        int plotW = WIDTH - LEFT - RIGHT;
        int plotH = HEIGHT - TOP - BOTTOM;
        axis(svg, 4, 25, " %");
        double step = values.size() <= 1 ? 0 : (double) plotW / (values.size() - 1);
        StringBuilder path = new StringBuilder();
        boolean pen = false;
        for (int i = 0; i < values.size(); i++) {
            Double v = values.get(i);
            if (v == null) {
                pen = false;
                continue;
            }
            double x = LEFT + (values.size() <= 1 ? plotW / 2.0 : i * step);
            double y = TOP + plotH - plotH * v / 100.0;
            path.append(String.format(Locale.ROOT, "%s%.1f %.1f ", pen ? "L" : "M", x, y));
            pen = true;
            svg.append(String.format(Locale.ROOT, "<circle class=\"point\" cx=\"%.1f\" cy=\"%.1f\" r=\"2.5\""
                    + " fill=\"#188038\"><title>%s: %.1f %%</title></circle>", x, y, escape(labels.get(i)), v));
        }
        if (!path.isEmpty()) {
            svg.append("<path d=\"").append(path.toString().strip())
                    .append("\" fill=\"none\" stroke=\"#188038\" stroke-width=\"2\"/>");
        }
        int labelEvery = Math.max(1, (int) Math.ceil(values.size() / 8.0));
        for (int i = 0; i < labels.size(); i += labelEvery) {
            double x = LEFT + (values.size() <= 1 ? plotW / 2.0 : i * step);
            svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" font-size=\"10\" text-anchor=\"middle\">%s"
                    + "</text>", x, HEIGHT - BOTTOM + 14, escape(labels.get(i))));
        }
        return svg.append("</svg>").toString();
    }

    private static StringBuilder open(String title) {
        StringBuilder svg = new StringBuilder(4096);
        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\""
                + " width=\"%d\" height=\"%d\" role=\"img\" font-family=\"sans-serif\">", WIDTH, HEIGHT, WIDTH, HEIGHT));
        svg.append("<title>").append(escape(title)).append("</title>");
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"14\" font-size=\"12\" font-weight=\"bold\">%s</text>",
                LEFT, escape(title)));
        return svg;
    }

    /**
     * The step between the axis lines for counts up to {@code max}: a whole number 1, 2 or 5 × 10ⁿ, so that at
     * most five steps reach {@code max} (counts never get ticks like 43.8).
     */
    static long countStep(long max) {
        long raw = Math.max(1, (long) Math.ceil(max / 5.0));
        long magnitude = 1;
        while (magnitude * 10 <= raw) {
            magnitude *= 10;
        }
        for (long nice : new long[] {1, 2, 5, 10}) {
            if (nice * magnitude >= raw) {
                return nice * magnitude;
            }
        }
        return 10 * magnitude;
    }

    /** Horizontal lines and their labels: {@code steps} steps of {@code step} from 0. */
    private static void axis(StringBuilder svg, int steps, long step, String unit) {
        int plotH = HEIGHT - TOP - BOTTOM;
        for (int i = 0; i <= steps; i++) {
            double y = TOP + plotH - plotH * (double) i / steps;
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#ddd\"/>",
                    LEFT, y, WIDTH - RIGHT, y));
            svg.append(String.format(Locale.ROOT, "<text class=\"tick\" x=\"%d\" y=\"%.1f\" font-size=\"10\""
                    + " text-anchor=\"end\">%,d%s</text>", LEFT - 4, y + 3, step * i, unit));
        }
    }

    static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length());
        for (char ch : text.toCharArray()) {
            switch (ch) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(ch);
            }
        }
        return out.toString();
    }
}
