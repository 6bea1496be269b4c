package dev.vigil.cert;

import java.io.IOException;
import java.util.List;

/** Asks Certificate Transparency logs which certificates were issued for an exact set of names. */
@FunctionalInterface
public interface CtLookup {
    /**
     * The certificates issued for exactly {@code names}, one per serial.
     *
     * @throws IOException with a message fit for a log line when the logs cannot be asked or answer nonsense
     */
    List<Issuance> issuances(CtSettings settings, List<String> names) throws IOException;
}
