package dev.vigil.cert;

import dev.vigil.probe.CertificateFacts;
import dev.vigil.probe.TlsFacts;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One certificate an endpoint served, as Vigil remembers it.
 *
 * @param serialHex    the leaf's serial, lowercase hex with leading zeros kept
 * @param issuer       the leaf's issuer DN, RFC 2253
 * @param subject      the leaf's subject DN, RFC 2253
 * @param sans         the leaf's subject alternative names, lowercased, sorted, without duplicates
 * @param notBefore    start of validity
 * @param notAfter     end of validity
 * @param sha256       SHA-256 fingerprint of the leaf, lowercase hex; identifies the certificate
 * @param chainIssuers the issuer DN of every certificate the server sent, leaf first
 * @param verified     whether the chain verified the last time it was seen
 * @param firstSeen    when Vigil first saw it served here
 * @param lastSeen     when Vigil last saw it served here
 */
public record Observation(
        String serialHex,
        String issuer,
        String subject,
        List<String> sans,
        Instant notBefore,
        Instant notAfter,
        String sha256,
        List<String> chainIssuers,
        boolean verified,
        Instant firstSeen,
        Instant lastSeen) {

    public Observation {
        Objects.requireNonNull(serialHex, "serialHex");
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(notBefore, "notBefore");
        Objects.requireNonNull(notAfter, "notAfter");
        Objects.requireNonNull(sha256, "sha256");
        Objects.requireNonNull(firstSeen, "firstSeen");
        Objects.requireNonNull(lastSeen, "lastSeen");
        sans = nameSet(sans);
        chainIssuers = List.copyOf(chainIssuers);
    }

    /** The leaf of a handshake, first and last seen {@code at}. */
    public static Observation of(TlsFacts tls, Instant at) {
        CertificateFacts leaf = tls.leaf();
        return new Observation(leaf.serialHex(), leaf.issuer(), leaf.subject(), leaf.sans(), leaf.notBefore(),
                leaf.notAfter(), leaf.sha256(), tls.chain().stream().map(CertificateFacts::issuer).toList(),
                tls.verified(), at, at);
    }

    /** Names as a CA compares them for its duplicate-certificate limit: lowercased, sorted, each once. */
    public static List<String> nameSet(Collection<String> names) {
        // Most lists handed in are name sets already (copies of one, or read back from the state file): keep them.
        if (names instanceof List<String> list && isNameSet(list)) {
            return List.copyOf(list);
        }
        return names.stream().map(name -> name.toLowerCase(Locale.ROOT)).distinct().sorted().toList();
    }

    private static boolean isNameSet(List<String> names) {
        String previous = null;
        for (String name : names) {
            // toLowerCase returns the very same string when there is nothing to lower.
            if (name.toLowerCase(Locale.ROOT) != name || previous != null && previous.compareTo(name) >= 0) {
                return false;
            }
            previous = name;
        }
        return true;
    }

    /** Whether both are the same certificate (same fingerprint). */
    public boolean sameCertificate(Observation other) {
        return sha256.equals(other.sha256);
    }

    /** This certificate seen again {@code at}, with the verification of that handshake. */
    public Observation seenAgain(Instant at, boolean verifiedNow) {
        return new Observation(serialHex, issuer, subject, sans, notBefore, notAfter, sha256, chainIssuers,
                verifiedNow, firstSeen, at.isAfter(lastSeen) ? at : lastSeen);
    }
}
