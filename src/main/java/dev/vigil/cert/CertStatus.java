package dev.vigil.cert;

/**
 * What is known about a probe's certificate after a run: the last certificate seen (even when this run saw none) and
 * how much of the CA's rate limits its names have used.
 *
 * @param current                the certificate seen last at the probe's endpoint, or null when none ever was
 * @param exactSet               usage of the limit on the current certificate's exact set of names; null without one
 * @param registeredDomain       the registered domain the per-domain limit is counted for
 * @param registeredDomainUsage  usage of the per-registered-domain limit; null without a current certificate
 */
public record CertStatus(Observation current, LimitUsage exactSet, String registeredDomain,
        LimitUsage registeredDomainUsage) {
    /** Nothing known yet. */
    public static final CertStatus UNKNOWN = new CertStatus(null, null, null, null);
}
