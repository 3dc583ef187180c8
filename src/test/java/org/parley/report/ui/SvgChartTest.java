package org.parley.report.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

class SvgChartTest {

    static Document parse(String svg) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void barsAreWellFormedScaledToTheLargestValueAndEscapeLabels() throws Exception {
        String svg = SvgChart.bars("Waits <all>", List.of("< 5 min", "5–15 min", "> 24 h"), new long[] {10, 5, 0});
        Document doc = parse(svg); // well-formed XML, or this throws
        assertThat(doc.getDocumentElement().getNamespaceURI()).isEqualTo("http://www.w3.org/2000/svg");
        var bars = doc.getElementsByTagName("rect");
        assertThat(bars.getLength()).isEqualTo(3);
        double tallest = Double.parseDouble(bars.item(0).getAttributes().getNamedItem("height").getNodeValue());
        double half = Double.parseDouble(bars.item(1).getAttributes().getNamedItem("height").getNodeValue());
        double none = Double.parseDouble(bars.item(2).getAttributes().getNamedItem("height").getNodeValue());
        assertThat(half).isEqualTo(tallest / 2);
        assertThat(none).isZero();
        assertThat(svg).contains("Waits &lt;all&gt;").contains("&lt; 5 min: 10");
    }

    @Test
    void longBarLabelsAlternateBetweenTwoLinesSoNeighboursNeverOverlap() throws Exception {
        List<String> waits = List.of("< 5 min", "5–15 min", "15–30 min", "30–60 min", "1–2 h", "2–4 h", "4–8 h",
                "8–24 h", "> 24 h");
        Document doc = parse(SvgChart.bars("Response times", waits, new long[] {1, 2, 3, 4, 5, 6, 7, 8, 9}));
        var texts = doc.getElementsByTagName("text");
        List<double[]> labels = new java.util.ArrayList<>(); // x, y, estimated width
        for (int i = 0; i < texts.getLength(); i++) {
            var attributes = texts.item(i).getAttributes();
            if (attributes.getNamedItem("text-anchor") != null
                    && "middle".equals(attributes.getNamedItem("text-anchor").getNodeValue())) {
                labels.add(new double[] {Double.parseDouble(attributes.getNamedItem("x").getNodeValue()),
                        Double.parseDouble(attributes.getNamedItem("y").getNodeValue()),
                        texts.item(i).getTextContent().length() * SvgChart.CHAR_WIDTH});
            }
        }
        assertThat(labels).hasSize(9);
        for (int i = 0; i < labels.size(); i++) {
            for (int j = i + 1; j < labels.size(); j++) {
                double[] a = labels.get(i);
                double[] b = labels.get(j);
                boolean sameLine = a[1] == b[1];
                boolean apart = Math.abs(a[0] - b[0]) >= (a[2] + b[2]) / 2;
                assertThat(!sameLine || apart).as("labels %d and %d overlap", i, j).isTrue();
            }
        }
        assertThat(labels.stream().map(l -> l[1]).distinct().count()).as("two lines").isEqualTo(2);
        // short labels stay on one line
        Document hours = parse(SvgChart.bars("Hours", List.of("00", "01", "02"), new long[] {1, 2, 3}));
        var hourTexts = hours.getElementsByTagName("text");
        java.util.Set<String> ys = new java.util.HashSet<>();
        for (int i = 0; i < hourTexts.getLength(); i++) {
            var a = hourTexts.item(i).getAttributes();
            if (a.getNamedItem("text-anchor") != null && "middle".equals(a.getNamedItem("text-anchor").getNodeValue())) {
                ys.add(a.getNamedItem("y").getNodeValue());
            }
        }
        assertThat(ys).hasSize(1);
    }

    @Test
    void aPercentLineBreaksWhereThereIsNoData() throws Exception {
        String svg = SvgChart.percentLine("SLA", List.of("d1", "d2", "d3", "d4"), Arrays.asList(100.0, 50.0, null, 0.0));
        Document doc = parse(svg);
        assertThat(doc.getElementsByTagName("circle").getLength()).isEqualTo(3);
        String path = doc.getElementsByTagName("path").item(0).getAttributes().getNamedItem("d").getNodeValue();
        assertThat(path.chars().filter(ch -> ch == 'M').count()).isEqualTo(2); // a new stroke after the gap
        assertThat(path).startsWith("M44.0 24.0"); // 100 % at the top of the plot
    }

    @Test
    void countAxesHaveWholeNumberTicksThatCoverTheLargestValue() throws Exception {
        for (long max : new long[] {1, 3, 7, 10, 43, 131, 175, 999, 12_345}) {
            Document doc = parse(SvgChart.bars("Counts", List.of("a", "b"), new long[] {max, max / 2}));
            var texts = doc.getElementsByTagName("text");
            java.util.List<Long> ticks = new java.util.ArrayList<>();
            for (int i = 0; i < texts.getLength(); i++) {
                var cls = texts.item(i).getAttributes().getNamedItem("class");
                if (cls != null && cls.getNodeValue().equals("tick")) {
                    String label = texts.item(i).getTextContent().replace(",", "");
                    assertThat(label).as("tick of max " + max).matches("\\d+");
                    ticks.add(Long.parseLong(label));
                }
            }
            assertThat(ticks.getFirst()).isZero();
            assertThat(ticks.getLast()).as("top tick for " + max).isGreaterThanOrEqualTo(max).isLessThan(max * 2 + 2);
            assertThat(ticks.size()).isBetween(2, 6);
            long step = ticks.get(1) - ticks.get(0);
            for (int i = 1; i < ticks.size(); i++) {
                assertThat(ticks.get(i) - ticks.get(i - 1)).isEqualTo(step);
            }
        }
        assertThat(SvgChart.countStep(131)).isEqualTo(50);
        assertThat(SvgChart.countStep(43)).isEqualTo(10);
    }
}
