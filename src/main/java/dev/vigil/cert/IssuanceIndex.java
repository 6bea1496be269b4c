package dev.vigil.cert;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Every certificate known to be issued, from handshakes and Certificate Transparency logs, each counted once by
 * serial and found by its exact set of names or by registered domain. Safe for concurrent use.
 */
final class IssuanceIndex {
    private final Map<List<String>, Map<String, Instant>> byNames = new HashMap<>();
    private final Map<String, List<Instant>> byDomain = new HashMap<>();

    /** Adds {@code issuance}; returns whether its serial was new. */
    synchronized boolean add(Issuance issuance) {
        Map<String, Instant> serials = byNames.computeIfAbsent(issuance.sans(), names -> new HashMap<>());
        String serial = DuplicateLimit.serialKey(issuance.serialHex());
        Instant known = serials.get(serial);
        if (known != null && !issuance.notBefore().isBefore(known)) {
            return false;
        }
        serials.put(serial, issuance.notBefore());
        byDomain.clear();
        return known == null;
    }

    /** When each certificate for exactly {@code names} was issued. */
    synchronized List<Instant> issuedFor(List<String> names) {
        return List.copyOf(byNames.getOrDefault(names, Map.of()).values());
    }

    /** When each certificate with a name under {@code registeredDomain} was issued. */
    synchronized List<Instant> issuedUnder(String registeredDomain) {
        return byDomain.computeIfAbsent(registeredDomain, domain -> {
            List<Instant> issued = new ArrayList<>();
            byNames.forEach((names, serials) -> {
                if (names.stream().anyMatch(name -> RegisteredDomain.covers(domain, name))) {
                    issued.addAll(serials.values());
                }
            });
            return List.copyOf(issued);
        });
    }

    /** Forgets certificates issued before {@code cutoff}, too old to count against any limit. */
    synchronized void forgetIssuedBefore(Instant cutoff) {
        byNames.values().forEach(serials -> serials.values().removeIf(at -> at.isBefore(cutoff)));
        byNames.values().removeIf(Map::isEmpty);
        byDomain.clear();
    }
}
