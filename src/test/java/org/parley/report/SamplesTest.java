package org.parley.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SamplesTest {

    @Test
    void nearestRankPercentiles() {
        Samples s = new Samples();
        assertThat(s.percentile(50)).isNull();
        for (long v : new long[] {50, 10, 40, 20, 30, 100, 90, 80, 70, 60}) {
            s.add(v);
        }
        assertThat(s.percentile(50)).isEqualTo(50.0); // rank ceil(0.5 * 10) = 5
        assertThat(s.percentile(90)).isEqualTo(90.0); // rank 9
        assertThat(s.percentile(100)).isEqualTo(100.0);
        s.add(110);
        assertThat(s.percentile(50)).isEqualTo(60.0); // rank ceil(5.5) = 6 of 11
        assertThat(s.percentile(90)).isEqualTo(100.0); // rank ceil(9.9) = 10
    }
}
