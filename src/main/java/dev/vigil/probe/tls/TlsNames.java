package dev.vigil.probe.tls;

/** Protocol names as blackbox_exporter writes them. */
final class TlsNames {
    private TlsNames() {
    }

    /** {@code TLSv1.3} → {@code TLS 1.3}; anything unrecognised passes through. */
    public static String version(String jsseProtocol) {
        return jsseProtocol != null && jsseProtocol.startsWith("TLSv") ? "TLS " + jsseProtocol.substring(4) : jsseProtocol;
    }
}
