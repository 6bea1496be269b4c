package dev.vigil.alert;

import java.util.Locale;

/** What an alert is about; a probe has at most one alert per condition. */
public enum Condition {
    /** The probe fails for a reason other than its certificate or DNS pointing elsewhere. */
    DOWN,
    /** The certificate is expired, untrusted or does not cover the host. */
    CERT_INVALID,
    /** The certificate expires within the probe's warning or critical days. */
    CERT_EXPIRING,
    /** The certificate changed unexpectedly (a re-issue, another issuer, other names, an earlier expiry): an event. */
    CERT_CHANGED,
    /** The CA's duplicate-certificate limit for the certificate's names is low or used up. */
    DUPLICATE_LIMIT,
    /**
     * The same set of names re-issued again and again long before expiry (the churn signature): a warning before the
     * duplicate-certificate limit is used up. Its own condition, so the limit's alert keeps its levels and thresholds.
     */
    CERT_CHURN,
    /** CT lists a newer certificate for the served names that the endpoint does not serve: the ingress did not load it. */
    CERT_NOT_SERVED,
    /** DNS answers addresses that are not the load balancer's. */
    DNS_LB_MISMATCH,
    /**
     * A load balancer behind probed hosts has new addresses and some of those hosts still resolve to an old one: fires
     * when the balancer watch sees the change, resolves when DNS of those hosts no longer answers the old address.
     */
    LB_CHANGED,
    /** As {@link #LB_CHANGED}, for a load balancer whose object (Service, Ingress, Gateway) was deleted. */
    LB_GONE,
    /** Only in messages sent by {@code vigil notify-test}; never an alert state. */
    TEST;

    /**
     * Whether it is a one-off event, told once when a run shows it, rather than an alert that fires while failing
     * and resolves when passing again.
     */
    public boolean isEvent() {
        return this == CERT_CHANGED;
    }

    /** The condition as written in config, state and messages, e.g. {@code cert_invalid}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The condition whose {@link #id()} is {@code id}. */
    public static Condition ofId(String id) {
        return valueOf(id.toUpperCase(Locale.ROOT));
    }
}
