package dev.vigil.web;

import dev.vigil.cert.CertStatus;
import dev.vigil.cert.EndpointHistory;
import dev.vigil.cert.LimitPolicy;
import java.util.List;
import java.util.Objects;

/**
 * What a probe's page shows of certificates: the history of each endpoint the probe reached, and the CA's limit of the
 * endpoint its last run ended at.
 *
 * @param endpoints the histories shown, the endpoint the last run ended at first, then the newest
 * @param notShown  how many more endpoints the probe reached, whose histories are not shown
 * @param status    what was known of the last run's endpoint's certificate after the run, or null
 * @param policy    the duplicate-certificate limit the probe watches, whose window and capacity the chart draws
 */
public record CertView(List<EndpointHistory> endpoints, int notShown, CertStatus status, LimitPolicy policy) {
    public CertView {
        endpoints = List.copyOf(endpoints);
        Objects.requireNonNull(policy, "policy");
    }
}
