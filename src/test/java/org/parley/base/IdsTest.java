package org.parley.base;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

class IdsTest {

    @Test
    void idsMadeOneAfterAnotherAreIncreasingAsBytesAndAsUuidsAndCarryTheMillisecond() {
        long before = System.currentTimeMillis();
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) { // far more than 4096 per millisecond
            ids.add(Ids.newId());
        }
        for (int i = 1; i < ids.size(); i++) {
            UUID previous = ids.get(i - 1);
            UUID id = ids.get(i);
            assertThat(id).isGreaterThan(previous);
            // databases compare BINARY(16)/UUID columns byte by byte, unsigned
            assertThat(Arrays.compareUnsigned(bytes(id), bytes(previous))).isPositive();
        }
        UUID first = ids.getFirst();
        assertThat(first.version()).isEqualTo(7);
        assertThat(first.variant()).isEqualTo(2);
        // a burst of more than 4096 ids in a millisecond may run a few milliseconds ahead of the clock
        assertThat(first.getMostSignificantBits() >>> 16).isBetween(before, System.currentTimeMillis() + 1_000);
    }

    @Test
    void idsMadeOnManyThreadsAreAllDifferent() throws InterruptedException {
        Set<UUID> seen = ConcurrentHashMap.newKeySet();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            threads.add(Thread.ofPlatform().start(() -> {
                for (int i = 0; i < 5_000; i++) {
                    seen.add(Ids.newId());
                }
            }));
        }
        for (Thread thread : threads) {
            thread.join();
        }
        assertThat(seen).hasSize(40_000);
    }

    private static byte[] bytes(UUID id) {
        return ByteBuffer.allocate(16).putLong(id.getMostSignificantBits()).putLong(id.getLeastSignificantBits())
                .array();
    }
}
