package org.parley.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Benchmark results: printed as a table and merged into {@code target/bench/results.json} (one entry per
 * benchmark name, the newest run wins), with the machine they were taken on.
 */
public final class BenchReport {

    public static final Path RESULTS = Path.of("target", "bench", "results.json");
    private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private BenchReport() {
    }

    /** One measured figure. */
    public record Result(String benchmark, String metric, double value, String unit, String note) {
    }

    /** Latency percentiles of a sample, in milliseconds. */
    public record Percentiles(double p50, double p95, double p99, double max, int samples) {

        public static Percentiles ofNanos(long[] nanos) {
            long[] sorted = nanos.clone();
            Arrays.sort(sorted);
            return new Percentiles(at(sorted, 0.50), at(sorted, 0.95), at(sorted, 0.99),
                    sorted.length == 0 ? 0 : sorted[sorted.length - 1] / 1e6, sorted.length);
        }

        private static double at(long[] sorted, double quantile) {
            if (sorted.length == 0) {
                return 0;
            }
            int index = (int) Math.ceil(quantile * sorted.length) - 1;
            return sorted[Math.max(0, Math.min(index, sorted.length - 1))] / 1e6;
        }
    }

    public static List<Result> latency(String benchmark, String what, Percentiles p, String note) {
        List<Result> results = new ArrayList<>();
        results.add(new Result(benchmark, what + " p50", p.p50(), "ms", note));
        results.add(new Result(benchmark, what + " p95", p.p95(), "ms", note));
        results.add(new Result(benchmark, what + " p99", p.p99(), "ms", note));
        return results;
    }

    /** Prints the results and merges them into the results file under the benchmark's name. */
    public static synchronized void publish(String benchmark, String mode, String database, List<Result> results) {
        System.out.println();
        System.out.printf("== %s (%s, %s)%n", benchmark, mode, database);
        for (Result r : results) {
            System.out.printf("   %-48s %14.2f %-8s %s%n", r.metric(), r.value(), r.unit(),
                    r.note() == null ? "" : r.note());
        }
        try {
            Files.createDirectories(RESULTS.getParent());
            ObjectNode root = Files.exists(RESULTS) ? (ObjectNode) JSON.readTree(RESULTS.toFile())
                    : JSON.createObjectNode();
            root.put("machine", machine());
            ObjectNode entries = root.has("benchmarks") ? (ObjectNode) root.get("benchmarks") : root.putObject("benchmarks");
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("takenAt", Instant.now().toString());
            entry.put("mode", mode);
            entry.put("database", database);
            entry.put("results", results);
            entries.set(benchmark, JSON.valueToTree(entry));
            JSON.writeValue(RESULTS.toFile(), root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static JsonNode read() throws IOException {
        return JSON.readTree(RESULTS.toFile());
    }

    static String machine() {
        return System.getProperty("os.name") + " " + System.getProperty("os.arch") + ", "
                + Runtime.getRuntime().availableProcessors() + " cores, Java " + System.getProperty("java.version")
                + ", max heap " + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MB";
    }
}
