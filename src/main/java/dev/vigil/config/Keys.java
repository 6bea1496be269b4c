package dev.vigil.config;

import dev.vigil.config.ConfigNode.Member;
import dev.vigil.config.ConfigNode.ObjectNode;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The keys allowed in one kind of object, plus keys that are known but refused with a specific explanation
 * (reserved for later versions, or not allowed at this level).
 *
 * @param allowed the keys that may appear
 * @param refused known keys that may not, each with why
 * @param objects the keys of allowed members whose value is an object with keys of its own, and those keys
 */
record Keys(Set<String> allowed, Map<String, String> refused, Map<String, Keys> objects) {
    private static final int MAX_TYPO_DISTANCE = 2;

    Keys {
        allowed = Set.copyOf(allowed);
        refused = Map.copyOf(refused);
        objects = Map.copyOf(objects);
    }

    /** These keys with each key of {@code more} moved from allowed to refused with its explanation. */
    Keys refusing(Map<String, String> more) {
        Set<String> stillAllowed = new HashSet<>(allowed);
        stillAllowed.removeAll(more.keySet());
        Map<String, String> allRefused = new HashMap<>(refused);
        allRefused.putAll(more);
        return new Keys(stillAllowed, allRefused, objects);
    }

    /** Reports every member of {@code object}, and of the nested objects it has keys for, that is not allowed. */
    void check(ObjectNode object, Problems problems) {
        for (Member member : object.members()) {
            String key = member.key();
            if (allowed.contains(key)) {
                if (objects.containsKey(key) && member.value() instanceof ObjectNode nested) {
                    objects.get(key).check(nested, problems);
                }
                continue;
            }
            String why = refused.get(key);
            problems.add(member, why != null ? why : "unknown key '" + key + "'" + suggestion(key));
        }
    }

    private String suggestion(String key) {
        return allowed.stream()
                .filter(k -> k.equalsIgnoreCase(key) || distance(k, key) <= MAX_TYPO_DISTANCE)
                .min(Comparator.comparingInt((String k) -> k.equalsIgnoreCase(key) ? 0 : distance(k, key) + 1)
                        .thenComparing(Comparator.naturalOrder()))
                .map(k -> " (did you mean '" + k + "'?)")
                .orElse("");
    }

    /** Levenshtein distance. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
