package dev.vigil.output.prometheus;

import dev.vigil.probe.HttpSpec;
import java.util.List;
import java.util.stream.Stream;

/**
 * The families on the page, in order: the common head, each kind's own families, the common tail. A kind's families
 * list only that kind's probes; a kind without families of its own (the TLS kind) has no line here. Adding a kind that
 * owns families adds its line, after the others so that no page of the existing kinds changes.
 */
final class Families {
    /** One family on the page, and the kind ({@link dev.vigil.probe.ProbeSpec#kind()}) it lists; null for every kind. */
    record Entry(Family family, String kind) {
        boolean lists(Series probe) {
            return kind == null || kind.equals(probe.kind());
        }
    }

    static final List<Entry> PAGE = Stream.of(
            of(null, CommonFamilies.HEAD),
            of(HttpSpec.KIND, HttpFamilies.ALL),
            of(null, CommonFamilies.TAIL)).flatMap(List::stream).toList();

    private Families() {
    }

    private static List<Entry> of(String kind, List<Family> families) {
        return families.stream().map(family -> new Entry(family, kind)).toList();
    }
}
