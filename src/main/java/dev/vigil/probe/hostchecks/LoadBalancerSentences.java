package dev.vigil.probe.hostchecks;

import dev.vigil.probe.DnsFacts.AddressCheck;
import dev.vigil.probe.DnsFacts;
import dev.vigil.probe.Failure;
import dev.vigil.probe.FailureKind;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** What the probes straight to the load balancer's addresses say, read together with DNS and the normal probe. */
final class LoadBalancerSentences {
    private static final Set<FailureKind> CERTIFICATE = EnumSet.of(FailureKind.CERT_EXPIRED,
            FailureKind.CERT_NOT_YET_VALID, FailureKind.CERT_UNTRUSTED, FailureKind.CERT_HOSTNAME_MISMATCH);

    private LoadBalancerSentences() {
    }

    /**
     * @param normal   the normal probe's failure, or null when it passed
     * @param mismatch whether DNS answers addresses other than the load balancer's
     */
    static List<String> of(DnsFacts facts, Failure normal, boolean mismatch) {
        List<AddressCheck> failed = facts.direct().stream().filter(c -> !c.success()).toList();
        List<String> sentences = new ArrayList<>();
        if (failed.isEmpty()) {
            if (mismatch && !facts.direct().isEmpty()) {
                sentences.add("Load balancer " + Words.and(facts.direct().stream().map(AddressCheck::address).toList())
                        + " serves " + facts.host() + " correctly; only DNS is stale.");
            }
            return sentences;
        }
        boolean dnsRight = !mismatch && facts.answers().stream().anyMatch(a -> a.error() == null && !a.addresses().isEmpty());
        for (AddressCheck check : failed) {
            sentences.add(failing(check, normal, mismatch, dnsRight));
        }
        if (failed.stream().anyMatch(c -> CERTIFICATE.contains(c.failure().kind()))) {
            sentences.add("See the certificate events for " + facts.host() + ".");
        }
        return sentences;
    }

    private static String failing(AddressCheck check, Failure normal, boolean mismatch, boolean dnsRight) {
        String lb = "load balancer " + check.address();
        String why = "(" + check.failure().kind().id() + ": " + check.failure().message() + ")";
        if (mismatch) {
            return normal == null
                    ? Words.capitalized(lb) + " fails " + why + ": fix it before pointing DNS at it."
                    : Words.capitalized(lb) + " fails too " + why + ": fixing DNS alone will not help.";
        }
        return dnsRight && normal != null
                ? "DNS is right; " + lb + " itself fails " + why + ": an ingress or backend problem."
                : Words.capitalized(lb) + " fails " + why + ".";
    }
}
