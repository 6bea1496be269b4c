package dev.vigil.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ShardTest {
    @ParameterizedTest
    @CsvSource({"0/1, 0, 1", "0/3, 0, 3", "2/3, 2, 3", "' 1/2 ', 1, 2", "1023/1024, 1023, 1024"})
    void parsesIndexSlashCount(String text, int index, int count) {
        assertEquals(new Shard(index, count), Shard.parse(text));
        assertEquals(index + "/" + count, Shard.parse(text).toString());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "3/3   | the shard index must be from 0 to 2",
        "0/0   | the shard count must be from 1 to 1024, got 0",
        "0/1025| the shard count must be from 1 to 1024, got 1025",
        "-1/3  | '-1/3' is not INDEX/COUNT",
        "1     | '1' is not INDEX/COUNT",
        "a/b   | 'a/b' is not INDEX/COUNT",
        "1/2/3 | '1/2/3' is not INDEX/COUNT"})
    void refusesWhatIsNoShardSayingWhy(String text, String why) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Shard.parse(text));
        assertTrue(e.getMessage().startsWith(why), e.getMessage());
    }

    @ParameterizedTest
    @CsvSource({"vigil-0, 3, 0", "vigil-2, 3, 2", "vigil-eu-west-1, 2, 1", "x-07, 8, 7"})
    void takesTheIndexFromAStatefulSetPodsOrdinal(String hostName, int count, int index) {
        assertEquals(new Shard(index, count), Shard.ofOrdinal(hostName, count));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "vigil   | 3 | HOSTNAME 'vigil' does not end in -N",
        "vigil-a | 3 | HOSTNAME 'vigil-a' does not end in -N",
        "vigil-  | 3 | HOSTNAME 'vigil-' does not end in -N",
        "vigil-3 | 3 | HOSTNAME 'vigil-3' has ordinal 3, but the shard count is 3"})
    void refusesAHostNameWithoutAFittingOrdinal(String hostName, int count, String why) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Shard.ofOrdinal(hostName, count));
        assertTrue(e.getMessage().contains(why), e.getMessage());
    }

    @Test
    void saysWhenHostNameIsUnset() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Shard.ofOrdinal(null, 3));
        assertTrue(e.getMessage().contains("HOSTNAME is unset"), e.getMessage());
    }

    @Test
    void theWholeShardOwnsEveryName() {
        assertTrue(Shard.WHOLE.owns("anything") && Shard.WHOLE.owns(""));
    }
}
