package dev.vigil.probe.hostchecks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vigil.probe.Failure;
import dev.vigil.probe.FailureKind;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class FailureHintsTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "CONNECT_REFUSED | Nothing answers where api.example.com resolves to: if its load balancer was recreated,"
                    + " DNS may still point at the old one; a dns block with the load balancer's address checks that.",
            "CERT_UNTRUSTED | See the certificate history of api.example.com (vigil certs): a re-issue or a fallback to"
                    + " a default certificate shows there.",
            "HTTP_STATUS | DNS and TLS work: look at the application behind api.example.com.",
    })
    void aFailurePointsAtWhereToLookNext(FailureKind kind, String hint) {
        assertEquals(List.of(hint), FailureHints.of("api.example.com", new Failure(kind, "message")));
    }

    @ParameterizedTest
    @EnumSource(FailureKind.class)
    void everyKindHasAHintOrIsExplainedByTheDnsChecks(FailureKind kind) {
        List<String> hints = FailureHints.of("api.example.com", new Failure(kind, "message"));

        assertEquals(kind == FailureKind.DNS_LB_MISMATCH || kind == FailureKind.SPLIT_BRAIN ? 0 : 1, hints.size());
    }
}
