package org.parley.bench;

/**
 * How big a benchmark run is: SMOKE (tiny, part of {@code ./mvnw verify} so the benchmark code never rots;
 * its numbers mean nothing) or FULL ({@code ./mvnw verify -Pbench}).
 */
public enum BenchMode {
    SMOKE, FULL;

    public static BenchMode current() {
        return "full".equalsIgnoreCase(System.getProperty("parley.bench", "smoke")) ? FULL : SMOKE;
    }

    /** The smoke size or the full size, or a full size given as a system property. */
    public int size(String property, int smoke, int full) {
        return this == SMOKE ? smoke : Integer.getInteger(property, full);
    }
}
