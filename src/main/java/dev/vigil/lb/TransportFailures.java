package dev.vigil.lb;

import static dev.vigil.net.Causes.has;
import static dev.vigil.net.Causes.innermostMessage;

import java.net.ConnectException;
import java.net.UnknownHostException;
import java.nio.channels.UnresolvedAddressException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import javax.net.ssl.SSLException;

/** Says in words why a request to the API server got no answer, from what {@code java.net.http} threw. */
final class TransportFailures {
    private TransportFailures() {
    }

    static LbLookupException classify(Throwable error, ApiTarget target) {
        String server = "the API server at " + target.apiUrl();
        if (has(error, UnresolvedAddressException.class) || has(error, UnknownHostException.class)) {
            return new LbLookupException("cannot connect to " + server + ": cannot resolve "
                    + target.apiUrl().getHost(), error);
        }
        if (has(error, SSLException.class)) {
            return new LbLookupException("TLS handshake with " + server + " failed: " + tlsProblem(error, target),
                    error);
        }
        if (has(error, ConnectException.class)) {
            return new LbLookupException("cannot connect to " + server + ": connection refused", error);
        }
        return new LbLookupException("request to " + server + " for " + target.subject() + " failed: "
                + innermostMessage(error), error);
    }

    private static String tlsProblem(Throwable error, ApiTarget target) {
        String ca = target.caFile() + (target.serviceAccountCa() ? " (the service account's CA)" : "");
        if (has(error, CertPathBuilderException.class)) {
            return "its certificate is not signed by a CA in " + ca;
        }
        if (has(error, CertPathValidatorException.class)) {
            return "its certificate does not validate against " + ca + ": " + innermostMessage(error);
        }
        if (has(error, CertificateException.class)) {
            return "its certificate was rejected: " + innermostMessage(error);
        }
        return innermostMessage(error);
    }
}
