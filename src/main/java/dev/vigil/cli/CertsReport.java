package dev.vigil.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.cert.CertChange;
import dev.vigil.cert.CertStatus;
import dev.vigil.cert.EndpointHistory;
import dev.vigil.cert.LimitUsage;
import dev.vigil.cert.NameSetUsage;
import dev.vigil.cert.Observation;
import dev.vigil.probe.TlsFacts;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;

/** {@code vigil certs} output: each endpoint's current certificate, its changes and its CA limit usage. */
final class CertsReport {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    /** One endpoint as reported: its history and what that means now. */
    record Entry(EndpointHistory history, CertStatus status) {
    }

    private CertsReport() {
    }

    static String text(List<Entry> entries, Clock clock) {
        StringBuilder out = new StringBuilder();
        for (Entry entry : entries) {
            EndpointHistory history = entry.history();
            out.append(history.endpoint()).append("  (probes: ").append(String.join(", ", history.probes())).append(")\n");
            Observation cert = history.current();
            if (cert == null) {
                out.append("  no certificate seen\n");
                continue;
            }
            out.append("  serial   ").append(cert.serialHex()).append(cert.verified() ? ", verified" : ", NOT verified")
                    .append('\n')
                    .append("  issuer   ").append(cert.issuer()).append('\n')
                    .append("  names    ").append(String.join(", ", cert.sans())).append('\n')
                    .append("  valid    ").append(seconds(cert.notBefore())).append(" to ").append(seconds(cert.notAfter()))
                    .append(" (").append(TlsFacts.daysUntil(cert.notAfter(), clock)).append(" days left)\n")
                    .append("  seen     ").append(seconds(cert.firstSeen())).append(" to ").append(seconds(cert.lastSeen()))
                    .append('\n');
            CertStatus status = entry.status();
            out.append("  limit    exact set: ").append(usage(status.exactSet())).append('\n');
            // The sets served before this certificate keep their usage: after a fallback, the one the CA refuses.
            for (NameSetUsage set : status.nameSets()) {
                if (!set.current()) {
                    out.append("  limit    earlier set ").append(set.namesText()).append(": ").append(usage(set.usage()))
                            .append(" (served until ").append(seconds(set.lastServed())).append(")\n");
                }
            }
            if (history.ctFailure() != null) {
                // The limits above were counted without CT since then.
                out.append("  ct       ").append(history.ctFailure().text()).append('\n');
            }
            out.append("  limit    ").append(status.registeredDomain()).append(": ")
                    .append(usage(status.registeredDomainUsage())).append('\n');
            for (CertChange change : history.changes()) {
                out.append("  change   ").append(seconds(change.at())).append(' ').append(change.kind().id()).append(" (")
                        .append(change.severity().id()).append("): ").append(change.message()).append('\n');
            }
        }
        return out.toString();
    }

    static ArrayNode json(List<Entry> entries, Clock clock) {
        ArrayNode out = JSON.arrayNode();
        for (Entry entry : entries) {
            EndpointHistory history = entry.history();
            ObjectNode node = out.addObject();
            node.put("endpoint", history.endpoint().key()).put("host", history.endpoint().host())
                    .put("port", history.endpoint().port()).put("serverName", history.endpoint().serverName());
            history.probes().forEach(node.putArray("probes")::add);
            Observation cert = history.current();
            if (cert != null) {
                ObjectNode current = node.putObject("current");
                current.put("serial", cert.serialHex()).put("issuer", cert.issuer()).put("subject", cert.subject())
                        .put("sha256", cert.sha256()).put("verified", cert.verified())
                        .put("notBefore", cert.notBefore().toString()).put("notAfter", cert.notAfter().toString())
                        .put("daysLeft", TlsFacts.daysUntil(cert.notAfter(), clock))
                        .put("firstSeen", cert.firstSeen().toString()).put("lastSeen", cert.lastSeen().toString());
                cert.sans().forEach(current.putArray("names")::add);
                cert.chainIssuers().forEach(current.putArray("chainIssuers")::add);
                usage(node.putObject("duplicateLimit"), entry.status().exactSet());
                ArrayNode sets = node.putArray("nameSets");
                for (NameSetUsage set : entry.status().nameSets()) {
                    ObjectNode setNode = sets.addObject();
                    set.names().forEach(setNode.putArray("names")::add);
                    setNode.put("current", set.current()).put("lastServed", seconds(set.lastServed()).toString());
                    usage(setNode, set.usage());
                }
                usage(node.putObject("registeredDomainLimit").put("domain", entry.status().registeredDomain()),
                        entry.status().registeredDomainUsage());
            }
            if (history.ctFailure() != null) {
                node.putObject("ctFailure").put("since", history.ctFailure().since().toString())
                        .put("message", history.ctFailure().message());
            }
            ArrayNode changes = node.putArray("changes");
            for (CertChange change : history.changes()) {
                changes.addObject().put("at", change.at().toString()).put("kind", change.kind().id())
                        .put("severity", change.severity().id()).put("oldSerial", change.oldSerial())
                        .put("newSerial", change.newSerial()).put("message", change.message());
            }
        }
        return out;
    }

    private static void usage(ObjectNode node, LimitUsage usage) {
        node.put("issued168h", usage.issuedInWindow()).put("left", usage.tokensLeft())
                .put("level", usage.level().name().toLowerCase(Locale.ROOT));
        if (usage.nextTokenAt() != null) {
            node.put("nextAvailable", usage.nextTokenAt().toString());
        }
    }

    private static String usage(LimitUsage usage) {
        return usage.issuedInWindow() + " issued in 168 h, " + usage.tokensLeft() + " left"
                + (usage.nextTokenAt() == null ? "" : ", next available " + seconds(usage.nextTokenAt()))
                + (usage.level() == LimitUsage.Level.OK ? "" : " [" + usage.level().name().toLowerCase(Locale.ROOT) + "]");
    }

    private static Instant seconds(Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS);
    }
}
