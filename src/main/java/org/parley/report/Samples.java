package org.parley.report;

import java.util.Arrays;

/** A growable list of longs with nearest-rank percentiles (see README: the percentile method). */
final class Samples {

    private long[] values = new long[16];
    private int size;
    private boolean sorted = true;

    void add(long value) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        values[size++] = value;
        sorted = false;
    }

    int size() {
        return size;
    }

    /**
     * The nearest-rank percentile: the smallest value with at least {@code percent} % of the sample at or
     * below it, i.e. the value at rank ceil(percent / 100 * n) of the sorted sample. Null for an empty one.
     */
    Double percentile(int percent) {
        if (size == 0) {
            return null;
        }
        if (!sorted) {
            Arrays.sort(values, 0, size);
            sorted = true;
        }
        int rank = (int) Math.ceil(percent / 100.0 * size);
        return (double) values[Math.max(0, Math.min(size, rank) - 1)];
    }
}
