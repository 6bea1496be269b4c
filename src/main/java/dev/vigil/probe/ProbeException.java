package dev.vigil.probe;

/** Carries a {@link Failure} out of the I/O code of a probe; the probe turns it back into a result, never lets it escape. */
public final class ProbeException extends Exception {
    private final transient Failure failure;
    private final transient TlsFacts tls;

    public ProbeException(FailureKind kind, String message) {
        this(kind, message, null);
    }

    public ProbeException(FailureKind kind, String message, Throwable cause) {
        this(new Failure(kind, message), null, cause);
    }

    /** A failure that happened after a handshake whose facts are still worth reporting (e.g. an untrusted chain). */
    public ProbeException(Failure failure, TlsFacts tls, Throwable cause) {
        super(failure.message(), cause, false, false);
        this.failure = failure;
        this.tls = tls;
    }

    public Failure failure() {
        return failure;
    }

    /** The handshake facts gathered before the failure, or null. */
    public TlsFacts tls() {
        return tls;
    }
}
