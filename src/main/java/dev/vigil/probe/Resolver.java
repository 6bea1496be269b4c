package dev.vigil.probe;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.regex.Pattern;

/** Turns a host name into addresses; the system resolver by default, a fake or a DNS client elsewhere. */
@FunctionalInterface
public interface Resolver {
    Resolver SYSTEM = host -> List.of(InetAddress.getAllByName(host));

    List<InetAddress> resolve(String host) throws UnknownHostException;

    /** The addresses of {@code host}, a failure to resolve it (or no address) failing the run as {@code dns}. */
    default List<InetAddress> addresses(String host) throws ProbeException {
        try {
            List<InetAddress> addresses = resolve(host);
            if (addresses.isEmpty()) {
                throw new UnknownHostException(null);
            }
            return addresses;
        } catch (UnknownHostException e) {
            String reason = e.getMessage() == null ? "no such host"
                    : e.getMessage().replaceFirst("^" + Pattern.quote(host) + ": ", "");
            throw new ProbeException(FailureKind.DNS, "cannot resolve " + host + ": " + reason, e);
        }
    }
}
