package dev.vigil.probe.http;

import dev.vigil.probe.ProbeException;
import dev.vigil.time.Deadline;

/** Makes one request on a fresh connection with a full TLS handshake, and never follows redirects itself. */
interface HttpTransport {
    HopResponse exchange(HopRequest request, Deadline deadline) throws ProbeException;
}
