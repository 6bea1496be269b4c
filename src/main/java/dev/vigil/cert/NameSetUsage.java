package dev.vigil.cert;

import dev.vigil.time.Moments;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * The duplicate-certificate limit of one set of names an endpoint served within the limit's window: it outlives the
 * certificate, so that after a fallback to a default certificate the set the CA refuses stays in view.
 *
 * @param names      the set of names, as {@link Observation#nameSet}
 * @param current    whether the endpoint's current certificate has these names
 * @param lastServed when a certificate with these names was last seen served
 * @param usage      the limit's usage by certificates for exactly these names
 * @param issued     when the certificates {@code usage} counts in the window were issued, oldest first: at most the
 *                   last {@value DuplicateLimit#INSTANTS_KEPT}, for a chart (the count is {@code usage}'s)
 * @param uncounted  the issuer family of the set's certificates when none of them counts against the CA's limit, as
 *                   {@code self-signed} for an ingress's default certificate: no CA limit applies to it; null when
 *                   one does
 */
public record NameSetUsage(List<String> names, boolean current, Instant lastServed, LimitUsage usage,
        List<Instant> issued, String uncounted) {
    /** The most names a message lists; a certificate may carry a hundred. */
    static final int NAMES_SHOWN = 5;

    public NameSetUsage {
        names = List.copyOf(names);
        Objects.requireNonNull(lastServed, "lastServed");
        Objects.requireNonNull(usage, "usage");
        issued = List.copyOf(issued);
    }

    /** A set whose issuance instants are not kept, counted against the CA's limit. */
    public NameSetUsage(List<String> names, boolean current, Instant lastServed, LimitUsage usage) {
        this(names, current, lastServed, usage, List.of(), null);
    }

    /**
     * What a set none of whose certificates counts says instead of a count: {@code self-signed: no CA limit}, as no
     * CA issued an ingress's default certificate, or that the limits of its issuer are not watched; null when the
     * CA's limit applies.
     */
    public String noLimit() {
        if (uncounted == null) {
            return null;
        }
        return uncounted.equals(IssuerFamily.SELF_SIGNED) ? "self-signed: no CA limit"
                : "issued by " + uncounted + ": no limit watched for this issuer";
    }

    /**
     * The issuer family of the certificates served for {@code names} when none of them counts ({@code counts}) and
     * nothing counted was issued for them in the window ({@code issued} empty); null when the CA's limit applies.
     * The family of the last one seen is named.
     */
    static String uncounted(List<Observation> seen, List<String> names, List<Instant> issued,
            Predicate<Issuance> counts) {
        if (!issued.isEmpty()) {
            return null;
        }
        List<Observation> ofSet = seen.stream().filter(o -> o.sans().equals(names)).toList();
        if (ofSet.isEmpty() || ofSet.stream().anyMatch(o -> counts.test(Issuance.of(o)))) {
            return null;
        }
        return IssuerFamily.of(ofSet.getLast());
    }

    /**
     * The names as a message writes them: {@code {api.example.com, www.api.example.com}}; beyond {@value #NAMES_SHOWN}
     * names, the first ones and how many more.
     */
    public String namesText() {
        return namesText(names);
    }

    /** {@code names} as {@link #namesText()} writes them. */
    static String namesText(List<String> names) {
        if (names.size() <= NAMES_SHOWN) {
            return "{" + String.join(", ", names) + "}";
        }
        return "{" + String.join(", ", names.subList(0, NAMES_SHOWN)) + " and " + (names.size() - NAMES_SHOWN)
                + " more}";
    }

    /**
     * What the limit counts, as a message says it: {@code this exact set of names} for the current certificate's set,
     * else the set and when it was served, e.g. {@code {a.example, b.example} (the set served here until T, before
     * this certificate)}.
     */
    public String scope() {
        return current ? "this exact set of names" : namesText() + " " + served();
    }

    /** When the set was served, for a set served before the current certificate. */
    String served() {
        return "(the set served here until " + Moments.minute(lastServed) + ", before this certificate)";
    }
}
