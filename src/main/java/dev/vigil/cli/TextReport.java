package dev.vigil.cli;

import dev.vigil.cert.CertEvent;
import dev.vigil.probe.CertificateFacts;
import dev.vigil.probe.DnsFacts;
import dev.vigil.probe.DnsFacts.AddressCheck;
import dev.vigil.probe.DnsFacts.ResolverAnswer;
import dev.vigil.probe.ProbeResult;
import dev.vigil.probe.TlsFacts;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;

/** The human summary of a probe result: a Nagios-style first line, then what was seen. */
final class TextReport {
    private static final int MAX_LISTED = 16;

    private TextReport() {
    }

    static String of(String name, URI url, ProbeResult result, Verdict verdict, Clock clock,
            List<CertEvent> certEvents) {
        StringBuilder out = new StringBuilder();
        out.append(verdict.status()).append(" - ").append(name == null ? url : name + " (" + url + ")")
                .append(": ").append(verdict.reason()).append(" [").append(millis(result.duration())).append("]\n");
        if (result.http() != null) {
            var http = result.http();
            out.append("  http   ").append(http.status()).append(", HTTP/").append(http.version()).append(", ")
                    .append(http.redirects()).append(" redirect(s), ").append(http.contentLength()).append(" body bytes");
            if (!http.finalUrl().equals(url)) {
                out.append(", final URL ").append(http.finalUrl());
            }
            out.append('\n');
        }
        if (result.tls() != null) {
            appendTls(out, result.tls(), clock);
        }
        if (result.dns() != null) {
            appendDns(out, result.dns());
        }
        for (String sentence : result.diagnosis()) {
            out.append("  why    ").append(sentence).append('\n');
        }
        for (CertEvent event : certEvents) {
            out.append("  event  ").append(event.kind()).append(" (").append(event.severity().id()).append("): ")
                    .append(event.message()).append('\n');
        }
        return out.toString();
    }

    private static void appendDns(StringBuilder out, DnsFacts dns) {
        for (ResolverAnswer answer : dns.answers()) {
            out.append("  dns    ").append(answer.resolver()).append(answer.authoritative() ? " (authoritative)" : "")
                    .append(": ");
            if (answer.error() != null) {
                out.append(answer.error());
            } else {
                answer.cnames().forEach(cname -> out.append("CNAME ").append(cname).append(", "));
                out.append(listed(answer.addresses())).append(", TTL ").append(answer.ttlSeconds()).append(" s");
            }
            out.append('\n');
        }
        if (dns.expectedSource() != null) {
            out.append("  lb     ").append(dns.expectedSource()).append(": ")
                    .append(dns.expectedError() != null ? dns.expectedError() : String.join(" ", dns.expected()))
                    .append('\n');
        }
        for (AddressCheck check : dns.resolved()) {
            appendCheck(out, "at     ", check);
        }
        for (AddressCheck check : dns.direct()) {
            appendCheck(out, "lb at  ", check);
        }
    }

    /** The addresses, space-separated; past {@value #MAX_LISTED}, the rest counted (an answer may hold thousands). */
    private static String listed(List<String> addresses) {
        return addresses.size() <= MAX_LISTED ? String.join(" ", addresses)
                : String.join(" ", addresses.subList(0, MAX_LISTED)) + " and " + (addresses.size() - MAX_LISTED) + " more";
    }

    private static void appendCheck(StringBuilder out, String prefix, AddressCheck check) {
        out.append("  ").append(prefix).append(check.address()).append(": ")
                .append(check.success() ? "OK" : check.failure().kind().id() + ": " + check.failure().message())
                .append(check.sha256() == null ? "" : ", certificate sha256 " + check.sha256()).append('\n');
    }

    private static void appendTls(StringBuilder out, TlsFacts tls, Clock clock) {
        out.append("  tls    ").append(tls.version()).append(", ").append(tls.cipher()).append(", ")
                .append(tls.verified() ? "verified" : "NOT verified: " + tls.verifyError()).append('\n');
        int i = 0;
        for (CertificateFacts cert : tls.chain()) {
            long days = TlsFacts.daysUntil(cert.notAfter(), clock);
            out.append("  cert ").append(i++).append(' ').append(cert.subject()).append('\n')
                    .append("         issuer ").append(cert.issuer()).append('\n')
                    .append("         serial ").append(cert.serialHex()).append(", ").append(cert.keyType()).append(' ')
                    .append(cert.keyBits()).append(" bits, sha256 ").append(cert.sha256()).append('\n')
                    .append("         valid ").append(cert.notBefore().truncatedTo(ChronoUnit.SECONDS)).append(" to ")
                    .append(cert.notAfter().truncatedTo(ChronoUnit.SECONDS)).append(" (").append(days).append(" days left)\n");
            if (!cert.sans().isEmpty()) {
                out.append("         names ").append(String.join(", ", cert.sans())).append('\n');
            }
        }
    }

    private static String millis(Duration d) {
        return d.toMillis() + " ms";
    }
}
