package dev.vigil.cert;

import java.util.List;

/**
 * What is known about a probe's certificate after a run: the last certificate seen (even when this run saw none) and
 * how much of the CA's rate limits its names, and the other names the endpoint served lately, have used.
 *
 * @param current                the certificate seen last at the probe's endpoint, or null when none ever was
 * @param nameSets               the duplicate limit of every set of names the endpoint served within the limit's
 *                               window: the current certificate's first, then the others, most recently served first;
 *                               empty without a current certificate
 * @param registeredDomain       the registered domain the per-domain limit is counted for
 * @param registeredDomainUsage  usage of the per-registered-domain limit; null without a current certificate
 * @param ctFailure              why Certificate Transparency logs could not be asked about the current names, and since
 *                               when; null when they answered last, or are not asked
 * @param churn                  the churn signature of a set served within the limit's window; null when none shows it
 * @param refusal                why the endpoint serves a certificate the CA did not issue: the CA refuses a set it
 *                               served before; null when that is not so
 * @param renewalFailing         the current certificate is past its renewal window and nothing newer was seen; null
 *                               when that is not so
 * @param notServed              CT lists a newer certificate for the current names that the endpoint does not serve;
 *                               null when that is not so
 */
public record CertStatus(Observation current, List<NameSetUsage> nameSets, String registeredDomain,
        LimitUsage registeredDomainUsage, CtFailure ctFailure, Churn churn, Refusal refusal,
        RenewalFailing renewalFailing, NotServed notServed) {
    /** Nothing known yet. */
    public static final CertStatus UNKNOWN = new CertStatus(null, List.of(), null, null, null);

    public CertStatus {
        nameSets = List.copyOf(nameSets);
    }

    /** A status in which no cause is known. */
    public CertStatus(Observation current, List<NameSetUsage> nameSets, String registeredDomain,
            LimitUsage registeredDomainUsage, CtFailure ctFailure) {
        this(current, nameSets, registeredDomain, registeredDomainUsage, ctFailure, null, null, null, null);
    }

    /** This status with {@code churn} in place of its own, as when the ingress controller's restarts are known. */
    public CertStatus withChurn(Churn churn) {
        return new CertStatus(current, nameSets, registeredDomain, registeredDomainUsage, ctFailure, churn, refusal,
                renewalFailing, notServed);
    }

    /** Usage of the limit on the current certificate's exact set of names; null without one. */
    public LimitUsage exactSet() {
        return nameSets.isEmpty() ? null : nameSets.getFirst().usage();
    }

    /**
     * The set of names whose limit is closest to exhausted: the current certificate's, unless a set served before it
     * is at a worse level (after a fallback to a default certificate, the set the CA refuses). Null without a current
     * certificate.
     */
    public NameSetUsage limiting() {
        // Only a strictly worse level replaces the one before, so the current set wins a tie.
        return nameSets.stream().reduce((a, b) -> b.usage().level().compareTo(a.usage().level()) > 0 ? b : a)
                .orElse(null);
    }
}
