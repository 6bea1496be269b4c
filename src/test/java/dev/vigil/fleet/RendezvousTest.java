package dev.vigil.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RendezvousTest {
    private static final List<String> NAMES = IntStream.range(0, 2000).mapToObj(i -> "probe-" + i + ".example.com")
            .toList();

    /** Pinned: every agent of every version must agree, so a change of the hash is a breaking change. */
    @ParameterizedTest
    @CsvSource({"'', 0xcbf29ce484222325", "a, 0xaf63dc4c8601ec8c", "foobar, 0x85944171f73967e8"})
    void hashesWithFnv1a64(String name, String expected) {
        assertEquals(Long.parseUnsignedLong(expected.substring(2), 16), Rendezvous.hash(name));
    }

    /** Pinned likewise: these are the shards of these names in every version. */
    @ParameterizedTest
    @CsvSource({"api, 2, 1", "api, 3, 1", "api, 5, 1", "checkout, 2, 1", "checkout, 3, 2", "checkout, 5, 2",
        "status.example.com, 3, 0", "status.example.com, 7, 6"})
    void assignsNamesToFixedShards(String name, int count, int shard) {
        assertEquals(shard, Rendezvous.shardOf(name, count));
    }

    @Test
    void everyNameGoesToExactlyOneShard() {
        for (int count = 1; count <= 7; count++) {
            int shards = count;
            for (String name : NAMES) {
                long owners = IntStream.range(0, shards).filter(i -> new Shard(i, shards).owns(name)).count();
                assertEquals(1, owners, name + " of " + shards + " shards");
            }
        }
    }

    @Test
    void shardsGetAboutTheSameShare() {
        for (int count = 2; count <= 8; count++) {
            int[] sizes = sizes(count);
            double fair = (double) NAMES.size() / count;
            for (int size : sizes) {
                // 2,000 names: a binomial share's standard deviation is at most about 22, so 20 % is over 3.5 of them.
                assertTrue(Math.abs(size - fair) <= 0.2 * fair, count + " shards: " + Arrays.toString(sizes));
            }
        }
    }

    @Test
    void anAddedShardTakesAboutItsShareFromEachAndNothingMovesBetweenTheOldOnes() {
        for (int count = 1; count <= 7; count++) {
            int moved = 0;
            for (String name : NAMES) {
                int before = Rendezvous.shardOf(name, count);
                int after = Rendezvous.shardOf(name, count + 1);
                if (before != after) {
                    assertEquals(count, after, name + " moved between old shards going from " + count + " to "
                            + (count + 1));
                    moved++;
                }
            }
            double expected = (double) NAMES.size() / (count + 1);
            assertTrue(Math.abs(moved - expected) <= 0.2 * expected,
                    "going from " + count + " to " + (count + 1) + " shards moved " + moved + ", about "
                            + Math.round(expected) + " expected");
        }
    }

    private static int[] sizes(int count) {
        int[] sizes = new int[count];
        NAMES.forEach(name -> sizes[Rendezvous.shardOf(name, count)]++);
        return sizes;
    }
}
