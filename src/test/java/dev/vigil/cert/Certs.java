package dev.vigil.cert;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Observations for tests, built from a verified 90-day Let's Encrypt certificate for {@code api.example.com} issued
 * at {@link #T0} and first seen then; each method returns a copy with one thing changed.
 */
record Certs(String serial, String issuer, String subject, List<String> sans, Instant notBefore, Instant notAfter,
        boolean verified, Instant firstSeen) {
    static final Instant T0 = Instant.parse("2026-09-01T00:00:00Z");
    static final String LE_R10 = "CN=R10,O=Let's Encrypt,C=US";
    static final String LE_R11 = "CN=R11,O=Let's Encrypt,C=US";
    static final String LE_E5 = "CN=E5,O=Let's Encrypt,C=US";
    static final String INGRESS_FAKE = "CN=Kubernetes Ingress Controller Fake Certificate,O=Acme Co";

    static Certs cert(String serial) {
        return new Certs(serial, LE_R10, "CN=api.example.com", List.of("api.example.com"), T0,
                T0.plus(Duration.ofDays(90)), true, T0);
    }

    Certs issuer(String dn) {
        return new Certs(serial, dn, subject, sans, notBefore, notAfter, verified, firstSeen);
    }

    /** Self-signed: its subject is its issuer. */
    Certs selfSigned(String dn) {
        return new Certs(serial, dn, dn, sans, notBefore, notAfter, verified, firstSeen);
    }

    Certs names(String... names) {
        return new Certs(serial, issuer, subject, List.of(names), notBefore, notAfter, verified, firstSeen);
    }

    /** Valid for {@code days} from {@code from}, first seen at {@code from}. */
    Certs valid(Instant from, long days) {
        return new Certs(serial, issuer, subject, sans, from, from.plus(Duration.ofDays(days)), verified, from);
    }

    Certs expiring(Instant at) {
        return new Certs(serial, issuer, subject, sans, notBefore, at, verified, firstSeen);
    }

    Certs seen(Instant at) {
        return new Certs(serial, issuer, subject, sans, notBefore, notAfter, verified, at);
    }

    Certs unverified() {
        return new Certs(serial, issuer, subject, sans, notBefore, notAfter, false, firstSeen);
    }

    /** The observation; its fingerprint follows from its serial, so one serial is one certificate. */
    Observation observation() {
        return new Observation(serial, issuer, subject, sans, notBefore, notAfter, "sha256-of-" + serial, List.of(issuer),
                verified, firstSeen, firstSeen);
    }
}
