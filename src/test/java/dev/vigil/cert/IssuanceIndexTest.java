package dev.vigil.cert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class IssuanceIndexTest {
    private static final Instant T0 = Instant.parse("2026-11-20T08:00:00Z");
    private static final List<String> API = List.of("api.example.com");
    private static final Predicate<Issuance> ALL = issuance -> true;

    static Stream<Arguments> duplicates() {
        Issuance precert = new Issuance("04ab", T0, API);
        Issuance later = new Issuance("04ab", T0.plusSeconds(60), API);
        Issuance other = new Issuance("1f", T0.plusSeconds(30), API);
        return Stream.of(
                Arguments.of(List.of(precert, precert), Set.of(T0)),
                Arguments.of(List.of(later, new Issuance("4AB", T0, API)), Set.of(T0)),
                Arguments.of(List.of(new Issuance("0004ab", T0.plusSeconds(60), API), precert), Set.of(T0)),
                Arguments.of(List.of(new Issuance("00", T0, API), new Issuance("0", T0.plusSeconds(1), API)), Set.of(T0)),
                Arguments.of(List.of(later, other), Set.of(T0.plusSeconds(60), T0.plusSeconds(30))));
    }

    @ParameterizedTest
    @MethodSource("duplicates")
    void eachSerialCountsOnceFromItsEarliestIssuance(List<Issuance> seen, Set<Instant> counted) {
        IssuanceIndex index = new IssuanceIndex();
        seen.forEach(index::add);

        assertEquals(counted, Set.copyOf(index.issuedFor(API, ALL)));
        assertEquals(counted.size(), index.issuedFor(API, ALL).size());
    }

    @Test
    void aRegisteredDomainCountsEveryNameSetUnderIt() {
        IssuanceIndex index = new IssuanceIndex();
        assertTrue(index.add(new Issuance("01", T0, API)));
        assertTrue(index.add(new Issuance("02", T0, List.of("www.example.com", "example.com"))));
        assertTrue(index.add(new Issuance("03", T0, List.of("api.example.org"))));
        assertFalse(index.add(new Issuance("01", T0, API)));

        assertEquals(2, index.issuedUnder("example.com", ALL).size());
        index.add(new Issuance("04", T0, List.of("*.shop.example.com")));
        assertEquals(3, index.issuedUnder("example.com", ALL).size());
        index.forgetIssuedBefore(T0.plusSeconds(1));
        assertEquals(List.of(), index.issuedUnder("example.com", ALL));
    }

    @Test
    void onlyTheCertificatesTheFilterCountsAreCountedAndASerialKeepsTheIssuerOneSourceNamed() {
        IssuanceIndex index = new IssuanceIndex();
        index.add(new Issuance("01", T0, API, "Let's Encrypt"));
        index.add(new Issuance("02", T0.plusSeconds(60), API, IssuerFamily.SELF_SIGNED));
        // Known first from a state file's CT answers, then seen in a handshake with its issuer.
        index.add(new Issuance("03", T0.plusSeconds(120), API));
        assertFalse(index.add(new Issuance("03", T0.plusSeconds(180), API, "ZeroSSL")));

        Predicate<Issuance> letsEncrypt = issuance -> LimitIssuers.counts(CertSettings.LETS_ENCRYPT, issuance);
        assertEquals(List.of(T0), index.issuedFor(API, letsEncrypt));
        assertEquals(List.of(T0), index.issuedUnder("example.com", letsEncrypt));
        assertEquals(Set.of(T0, T0.plusSeconds(60), T0.plusSeconds(120)), Set.copyOf(index.issuedFor(API, ALL)));
    }
}
