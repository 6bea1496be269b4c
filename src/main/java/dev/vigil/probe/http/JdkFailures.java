package dev.vigil.probe.http;

import static dev.vigil.net.Causes.has;
import static dev.vigil.net.Causes.innermostMessage;

import dev.vigil.net.Causes;
import dev.vigil.probe.FailureKind;
import dev.vigil.probe.ProbeException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.util.function.Supplier;
import javax.net.ssl.SSLException;

/** Names what an exception from {@code java.net.http} means for the probe. */
final class JdkFailures {
    private JdkFailures() {
    }

    /**
     * @param tlsDiagnosis run only for a handshake failure: a capturing handshake's precise verdict, or null
     */
    static ProbeException classify(Throwable error, HopRequest request, Supplier<ProbeException> tlsDiagnosis) {
        String what = request.method() + " " + request.url();
        if (has(error, HttpConnectTimeoutException.class)) {
            return new ProbeException(FailureKind.CONNECT_TIMEOUT, what + ": TCP connect got no answer within the timeout", error);
        }
        if (has(error, HttpTimeoutException.class)) {
            return new ProbeException(FailureKind.TIMEOUT, what + ": no response within the timeout", error);
        }
        if (has(error, UnresolvedAddressException.class) || has(error, UnknownHostException.class)) {
            return new ProbeException(FailureKind.DNS, what + ": cannot resolve " + request.url().getHost(), error);
        }
        if (has(error, SSLException.class)) {
            ProbeException precise = tlsDiagnosis.get();
            return precise != null ? precise
                    : new ProbeException(FailureKind.TLS_HANDSHAKE, what + ": TLS handshake failed: "
                            + innermostMessage(error), error);
        }
        if (has(error, ConnectException.class)) {
            return new ProbeException(FailureKind.CONNECT_REFUSED, what + ": connection refused (nothing listens on port "
                    + request.port() + ")", error);
        }
        return new ProbeException(FailureKind.PROTOCOL, what + ": " + innermostMessage(error), error);
    }
}
