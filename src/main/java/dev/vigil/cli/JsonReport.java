package dev.vigil.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.cert.CertEvent;
import dev.vigil.probe.CertificateFacts;
import dev.vigil.probe.DnsFacts;
import dev.vigil.probe.DnsFacts.AddressCheck;
import dev.vigil.probe.DnsFacts.ResolverAnswer;
import dev.vigil.probe.Phases;
import dev.vigil.probe.ProbeResult;
import dev.vigil.probe.TlsFacts;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * The JSON form of a probe result ({@code vigil probe --output json}); its fields are documented in docs/cli.md, "JSON output".
 * Built from the result alone: request headers, the only place a secret could sit, are never part of it.
 */
final class JsonReport {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private JsonReport() {
    }

    static ObjectNode of(String name, URI url, ProbeResult result, Verdict verdict, Clock clock,
            List<CertEvent> certEvents) {
        ObjectNode out = JSON.objectNode();
        if (name != null) {
            out.put("name", name);
        }
        out.put("url", url.toString());
        out.put("success", result.success());
        out.put("status", verdict.status().name());
        out.put("reason", verdict.reason());
        out.put("startedAt", result.startedAt().toString());
        out.put("durationSeconds", seconds(result.duration()));
        out.set("phases", phases(result.phases()));
        if (result.http() != null) {
            ObjectNode http = out.putObject("http");
            http.put("status", result.http().status());
            http.put("version", result.http().version());
            http.put("redirects", result.http().redirects());
            http.put("finalUrl", result.http().finalUrl().toString());
            http.put("contentLength", result.http().contentLength());
        }
        if (result.tls() != null) {
            out.set("tls", tls(result.tls(), clock));
        }
        if (result.failure() != null) {
            ObjectNode failure = out.putObject("failure");
            failure.put("kind", result.failure().kind().id());
            failure.put("message", result.failure().message());
        }
        if (result.dns() != null) {
            out.set("dns", dns(result.dns()));
        }
        if (!result.diagnosis().isEmpty()) {
            result.diagnosis().forEach(out.putArray("diagnosis")::add);
        }
        if (!certEvents.isEmpty()) {
            ArrayNode events = out.putArray("certEvents");
            for (CertEvent event : certEvents) {
                events.addObject().put("kind", event.kind()).put("severity", event.severity().id())
                        .put("message", event.message()).put("at", event.at().toString());
            }
        }
        return out;
    }

    /** The report of a config run: the worst status and one object per probe. */
    static ObjectNode summary(NagiosStatus worst, List<ObjectNode> probes) {
        ObjectNode out = JSON.objectNode();
        out.put("status", worst.name());
        out.put("success", probes.stream().allMatch(p -> p.get("success").asBoolean()));
        out.putArray("probes").addAll(probes);
        return out;
    }

    private static ObjectNode tls(TlsFacts tls, Clock clock) {
        ObjectNode node = JSON.objectNode();
        node.put("version", tls.version());
        node.put("cipher", tls.cipher());
        node.put("verified", tls.verified());
        if (tls.verifyError() == null) {
            node.putNull("verifyError");
        } else {
            node.put("verifyError", tls.verifyError());
        }
        ArrayNode chain = node.putArray("chain");
        for (CertificateFacts cert : tls.chain()) {
            ObjectNode c = chain.addObject();
            c.put("subject", cert.subject());
            c.put("issuer", cert.issuer());
            c.put("serialHex", cert.serialHex());
            ArrayNode sans = c.putArray("sans");
            cert.sans().forEach(sans::add);
            c.put("notBefore", cert.notBefore().toString());
            c.put("notAfter", cert.notAfter().toString());
            c.put("sha256", cert.sha256());
            c.put("keyType", cert.keyType());
            c.put("keyBits", cert.keyBits());
        }
        node.put("earliestExpiry", tls.earliestExpiry().toString());
        node.put("daysLeft", tls.daysLeft(clock));
        node.put("leafDaysLeft", tls.leafDaysLeft(clock));
        return node;
    }

    private static ObjectNode dns(DnsFacts dns) {
        ObjectNode out = JSON.objectNode();
        out.put("host", dns.host()).put("lbMismatch", dns.lbMismatch()).put("splitBrain", dns.splitBrain());
        if (dns.recordTtlSeconds() != null) {
            out.put("recordTtlSeconds", dns.recordTtlSeconds());
        }
        ArrayNode answers = out.putArray("answers");
        for (ResolverAnswer answer : dns.answers()) {
            ObjectNode node = answers.addObject().put("resolver", answer.resolver())
                    .put("authoritative", answer.authoritative()).put("ttlSeconds", answer.ttlSeconds())
                    .put("seconds", seconds(answer.took())).put("error", answer.error());
            answer.addresses().forEach(node.putArray("addresses")::add);
            answer.cnames().forEach(node.putArray("cnames")::add);
        }
        ObjectNode expected = out.putObject("expected").put("source", dns.expectedSource()).put("error", dns.expectedError());
        dns.expected().forEach(expected.putArray("addresses")::add);
        out.set("direct", checks(dns.direct()));
        out.set("resolved", checks(dns.resolved()));
        out.put("addressesNotProbed", dns.notProbed());
        return out;
    }

    private static ArrayNode checks(List<AddressCheck> checks) {
        ArrayNode out = JSON.arrayNode();
        for (AddressCheck check : checks) {
            ObjectNode node = out.addObject().put("address", check.address()).put("success", check.success())
                    .put("sha256", check.sha256());
            if (check.failure() != null) {
                node.put("failureKind", check.failure().kind().id()).put("failureMessage", check.failure().message());
            }
        }
        return out;
    }

    private static ObjectNode phases(Phases phases) {
        ObjectNode node = JSON.objectNode();
        putPhase(node, "resolve", phases.resolve());
        putPhase(node, "connect", phases.connect());
        putPhase(node, "tls", phases.tls());
        putPhase(node, "processing", phases.processing());
        putPhase(node, "transfer", phases.transfer());
        return node;
    }

    private static void putPhase(ObjectNode node, String name, Duration d) {
        if (d != null) {
            node.put(name, seconds(d));
        }
    }

    private static double seconds(Duration d) {
        return d.toNanos() / 1e9;
    }
}
