package dev.vigil.probe;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.List;

/** Which address family a probe may connect over. */
public enum IpFamily {
    ANY,
    IPV4,
    IPV6;

    /** The first of {@code host}'s {@code addresses} of this family; none fails the run as {@code dns}. */
    public InetAddress first(String host, List<InetAddress> addresses) throws ProbeException {
        Class<?> wanted = switch (this) {
            case ANY -> InetAddress.class;
            case IPV4 -> Inet4Address.class;
            case IPV6 -> Inet6Address.class;
        };
        return addresses.stream().filter(wanted::isInstance).findFirst().orElseThrow(() -> new ProbeException(
                FailureKind.DNS, host + " has no " + (this == IPV4 ? "IPv4 (A)" : "IPv6 (AAAA)")
                        + " address; it resolves to " + addresses.stream().map(InetAddress::getHostAddress).toList()));
    }
}
