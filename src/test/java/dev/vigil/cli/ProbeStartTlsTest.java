package dev.vigil.cli;

import static dev.vigil.cli.CliRun.vigil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.probe.starttls.StartTls;
import dev.vigil.testing.Issued;
import dev.vigil.testing.StartTlsResponder;
import dev.vigil.testing.StartTlsResponder.Mode;
import dev.vigil.testing.TestPki;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** {@code vigil probe tls://HOST:PORT --starttls DIALECT}: each dialect end to end against a loopback server. */
class ProbeStartTlsTest {
    private static final Issued LEAF = TestPki.selfSigned("mail.test").sans("mail.test").ipSans("127.0.0.1").issue();
    private static final Map<StartTls, String> REFUSALS = Map.of(
            StartTls.SMTP, "the SMTP server refused STARTTLS: '454 4.7.0 TLS not available due to local problem'",
            StartTls.IMAP, "the IMAP server refused STARTTLS: 'a2 NO [UNAVAILABLE] TLS is not available'",
            StartTls.POP3, "the POP3 server refused STARTTLS: '-ERR TLS not available'",
            StartTls.FTP, "the FTP server refused STARTTLS: '431 Unable to accept security mechanism'",
            StartTls.LDAP, "the LDAP server refused STARTTLS: unavailable (52), 'TLS not configured'",
            StartTls.POSTGRES, "the PostgreSQL server refused STARTTLS: it answered 'N' (ssl is off on the server)");

    @ParameterizedTest
    @EnumSource(StartTls.class)
    void aServerThatSpeaksItShowsItsCertificate(StartTls protocol) throws Exception {
        try (StartTlsResponder server = StartTlsResponder.start(protocol, Mode.SPEAKS, LEAF)) {
            CliRun run = probe(protocol, server);

            assertEquals(0, run.exitCode(), run::toString);
            JsonNode json = run.json();
            assertTrue(json.get("success").asBoolean(), run::toString);
            assertEquals("CN=mail.test", json.get("tls").get("chain").get(0).get("subject").asText(), run::toString);
        }
    }

    @ParameterizedTest
    @EnumSource(StartTls.class)
    void aServerThatRefusesIsCritical(StartTls protocol) throws Exception {
        try (StartTlsResponder server = StartTlsResponder.start(protocol, Mode.REFUSES, LEAF)) {
            CliRun run = probe(protocol, server);

            JsonNode failure = critical(run);
            assertEquals("starttls", failure.get("kind").asText(), run::toString);
            assertEquals(protocol.id() + " STARTTLS with 127.0.0.1 at 127.0.0.1:" + server.port() + " failed: "
                    + REFUSALS.get(protocol), failure.get("message").asText(), run::toString);
        }
    }

    @ParameterizedTest
    @EnumSource(StartTls.class)
    void aServerThatAgreesAndStaysPlainFailsTheHandshake(StartTls protocol) throws Exception {
        try (StartTlsResponder server = StartTlsResponder.start(protocol, Mode.LIES, LEAF)) {
            CliRun run = probe(protocol, server);

            JsonNode failure = critical(run);
            assertEquals("tls_handshake", failure.get("kind").asText(), run::toString);
            // After that prefix comes the JDK's own words ("Unsupported or unrecognized SSL message").
            assertTrue(failure.get("message").asText().startsWith("TLS handshake with 127.0.0.1 at 127.0.0.1:"
                    + server.port() + " failed: "), run::toString);
        }
    }

    @Test
    void aServerThatDoesNotOfferItIsCritical() throws Exception {
        try (StartTlsResponder server = StartTlsResponder.start(StartTls.POP3, Mode.NOT_OFFERED, LEAF)) {
            CliRun run = probe(StartTls.POP3, server);

            JsonNode failure = critical(run);
            assertEquals("starttls", failure.get("kind").asText(), run::toString);
            assertEquals("pop3 STARTTLS with 127.0.0.1 at 127.0.0.1:" + server.port()
                    + " failed: the POP3 server does not offer STARTTLS: its CAPA list has no STLS",
                    failure.get("message").asText(), run::toString);
        }
    }

    @Test
    void aSilentServerTimesOut() throws Exception {
        try (StartTlsResponder server = StartTlsResponder.start(StartTls.SMTP, Mode.SILENT, LEAF)) {
            CliRun run = vigil("probe", "-o", "json", "--insecure", "--timeout", "500ms", "--starttls", "smtp",
                    "tls://127.0.0.1:" + server.port());

            JsonNode failure = critical(run);
            assertEquals("timeout", failure.get("kind").asText(), run::toString);
            assertEquals("smtp STARTTLS with 127.0.0.1 at 127.0.0.1:" + server.port()
                    + " did not finish within the timeout", failure.get("message").asText(), run::toString);
        }
    }

    /** The failure of a run that must have exited 2 (CRITICAL). */
    private static JsonNode critical(CliRun run) {
        assertEquals(2, run.exitCode(), run::toString);
        return run.json().get("failure");
    }

    private static CliRun probe(StartTls protocol, StartTlsResponder server) {
        return vigil("probe", "-o", "json", "--insecure", "--timeout", "20s", "--starttls", protocol.id(),
                "tls://127.0.0.1:" + server.port());
    }
}
