package dev.vigil.output.prometheus;

import java.lang.ref.WeakReference;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * One instance of each label text that several probes' series hold at once: probes of the same endpoint, or of hosts
 * sharing a certificate, write the same certificate, version and cipher labels, which each probe's series would
 * otherwise hold a copy of (issue 17: about 450 bytes a probe). Weak: a text no series holds any more is forgotten.
 * Thread-safe.
 */
final class LabelTexts {
    private final Map<String, WeakReference<String>> seen = new WeakHashMap<>();

    /** The instance equal to {@code text} that is in use, else {@code text} itself; null stays null. */
    synchronized String of(String text) {
        if (text == null) {
            return null;
        }
        WeakReference<String> known = seen.get(text);
        String shared = known == null ? null : known.get();
        if (shared != null) {
            return shared;
        }
        seen.put(text, new WeakReference<>(text));
        return text;
    }
}
