package dev.vigil.cert;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Every certificate known to be issued, from handshakes and Certificate Transparency logs, each counted once by
 * serial and found by its exact set of names or by registered domain. Which of them count against a limit is the
 * caller's filter ({@link LimitIssuers}). Safe for concurrent use.
 */
final class IssuanceIndex {
    private final Map<List<String>, Map<String, Issuance>> byNames = new HashMap<>();
    private final Map<String, List<Issuance>> byDomain = new HashMap<>();

    /** Adds {@code issuance}; returns whether its serial was new. */
    synchronized boolean add(Issuance issuance) {
        Map<String, Issuance> serials = byNames.computeIfAbsent(issuance.sans(), names -> new HashMap<>());
        String serial = DuplicateLimit.serialKey(issuance.serialHex());
        Issuance known = serials.get(serial);
        if (known != null && !issuance.notBefore().isBefore(known.notBefore())
                && (known.issuerFamily() != null || issuance.issuerFamily() == null)) {
            return false;
        }
        // The earliest issuance of a serial (its precertificate) and the issuer, once one source names it.
        Instant notBefore = known == null || issuance.notBefore().isBefore(known.notBefore()) ? issuance.notBefore()
                : known.notBefore();
        String issuer = issuance.issuerFamily() != null || known == null ? issuance.issuerFamily()
                : known.issuerFamily();
        serials.put(serial, new Issuance(issuance.serialHex(), notBefore, issuance.sans(), issuer));
        byDomain.clear();
        return known == null;
    }

    /** When each certificate for exactly {@code names} that {@code counts} was issued. */
    synchronized List<Instant> issuedFor(List<String> names, Predicate<Issuance> counts) {
        return byNames.getOrDefault(names, Map.of()).values().stream().filter(counts).map(Issuance::notBefore).toList();
    }

    /** When each certificate with a name under {@code registeredDomain} that {@code counts} was issued. */
    synchronized List<Instant> issuedUnder(String registeredDomain, Predicate<Issuance> counts) {
        return byDomain.computeIfAbsent(registeredDomain, domain -> {
            List<Issuance> issued = new ArrayList<>();
            byNames.forEach((names, serials) -> {
                if (names.stream().anyMatch(name -> RegisteredDomain.covers(domain, name))) {
                    issued.addAll(serials.values());
                }
            });
            return List.copyOf(issued);
        }).stream().filter(counts).map(Issuance::notBefore).toList();
    }

    /** Forgets certificates issued before {@code cutoff}, too old to count against any limit. */
    synchronized void forgetIssuedBefore(Instant cutoff) {
        byNames.values().forEach(serials -> serials.values().removeIf(at -> at.notBefore().isBefore(cutoff)));
        byNames.values().removeIf(Map::isEmpty);
        byDomain.clear();
    }
}
