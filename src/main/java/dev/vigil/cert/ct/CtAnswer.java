package dev.vigil.cert.ct;

import dev.vigil.cert.Issuance;
import java.util.List;

/**
 * What crt.sh knows of the certificates for one exact set of names.
 *
 * @param issuances      one per certificate (precertificate and final certificate counted once), earliest first
 * @param skippedEntries entries that could not be read (no usable {@code name_value}, or for the set's names no usable
 *                       {@code serial_number} or {@code not_before}) and so were left out; more than zero means the
 *                       count may be low
 */
record CtAnswer(List<Issuance> issuances, int skippedEntries) {
    public CtAnswer {
        issuances = List.copyOf(issuances);
    }
}
