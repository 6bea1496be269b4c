package dev.vigil.probe.hostchecks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class WordsTest {
    @Test
    void listsReadAsEnglish() {
        assertEquals("", Words.and(List.of()));
        assertEquals("a", Words.and(List.of("a")));
        assertEquals("a and b", Words.and(List.of("a", "b")));
        assertEquals("a, b and c", Words.and(List.of("a", "b", "c")));
    }

    @Test
    void aLongListNamesTheFirstFewAndCountsTheRest() {
        List<String> many = IntStream.range(0, 4000).mapToObj(i -> "10.0." + i / 256 + "." + i % 256).toList();

        assertEquals("10.0.0.0, 10.0.0.1, 10.0.0.2, 10.0.0.3, 10.0.0.4, 10.0.0.5, 10.0.0.6, 10.0.0.7 and 3992 more",
                Words.and(many));
        assertEquals("1, 2, 3, 4, 5, 6, 7 and 8", Words.and(List.of("1", "2", "3", "4", "5", "6", "7", "8")));
    }
}
