package dev.vigil.lb;

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
        if (find(error, UnresolvedAddressException.class) != null || find(error, UnknownHostException.class) != null) {
            return new LbLookupException("cannot connect to " + server + ": cannot resolve "
                    + target.apiUrl().getHost(), error);
        }
        if (find(error, SSLException.class) != null) {
            return new LbLookupException("TLS handshake with " + server + " failed: " + tlsProblem(error, target),
                    error);
        }
        if (find(error, ConnectException.class) != null) {
            return new LbLookupException("cannot connect to " + server + ": connection refused", error);
        }
        return new LbLookupException("request to " + server + " for service " + target.serviceName() + " failed: "
                + innermostMessage(error), error);
    }

    private static String tlsProblem(Throwable error, ApiTarget target) {
        String ca = target.caFile() + (target.serviceAccountCa() ? " (the service account's CA)" : "");
        if (find(error, CertPathBuilderException.class) != null) {
            return "its certificate is not signed by a CA in " + ca;
        }
        if (find(error, CertPathValidatorException.class) != null) {
            return "its certificate does not validate against " + ca + ": " + innermostMessage(error);
        }
        if (find(error, CertificateException.class) != null) {
            return "its certificate was rejected: " + innermostMessage(error);
        }
        return innermostMessage(error);
    }

    /** The first of {@code type} in the cause chain, or null. */
    private static <T extends Throwable> T find(Throwable error, Class<T> type) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    /** The innermost message, which names the problem. */
    private static String innermostMessage(Throwable error) {
        String message = error.getClass().getSimpleName();
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t.getMessage() != null) {
                message = t.getMessage();
            }
        }
        return message;
    }
}
