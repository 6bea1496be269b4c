package dev.vigil.probe.http;

import dev.vigil.probe.Deadline;
import dev.vigil.probe.ProbeException;

/** Makes one request on a fresh connection with a full TLS handshake, and never follows redirects itself. */
interface HttpTransport {
    HopResponse exchange(HopRequest request, Deadline deadline) throws ProbeException;
}
