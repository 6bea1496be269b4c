package dev.vigil.probe;

/** Which address family a probe may connect over. */
public enum IpFamily {
    ANY,
    IPV4,
    IPV6
}
