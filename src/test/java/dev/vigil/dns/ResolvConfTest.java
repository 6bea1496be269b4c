package dev.vigil.dns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ResolvConfTest {
    static Stream<Arguments> files() {
        return Stream.of(
                Arguments.of("nameserver 10.0.0.2\n", List.of("10.0.0.2")),
                Arguments.of("nameserver 10.0.0.2\nnameserver 10.0.0.3\nnameserver 2001:db8::53\n",
                        List.of("10.0.0.2", "10.0.0.3", "2001:db8:0:0:0:0:0:53")),
                Arguments.of("# generated\n; old style\nsearch example.com\noptions ndots:2\nnameserver 10.0.0.2\n",
                        List.of("10.0.0.2")),
                Arguments.of("#nameserver 10.0.0.9\n;nameserver 10.0.0.8\n   # nameserver 10.0.0.7\n", List.of()),
                Arguments.of("nameserver 10.0.0.2 # office\nnameserver 10.0.0.3;lab\n",
                        List.of("10.0.0.2", "10.0.0.3")),
                Arguments.of("\tnameserver\t10.0.0.2  \r\n", List.of("10.0.0.2")),
                Arguments.of("nameserver fe80::1%1\n", List.of("fe80:0:0:0:0:0:0:1%1")),
                Arguments.of("nameserver fe80::1%nosuchif0\nnameserver 10.0.0.2\n", List.of("10.0.0.2")),
                Arguments.of("nameserver dns.example.com\nnameserver 10.0.0.2\n", List.of("10.0.0.2")),
                Arguments.of("nameserver 999.1.1.1\nnameserver\nnameservers 10.0.0.4\n", List.of()),
                Arguments.of("", List.of()));
    }

    @ParameterizedTest
    @MethodSource("files")
    void parsesNameserverLines(String text, List<String> expected) {
        List<InetSocketAddress> servers = ResolvConf.parse(text);

        assertEquals(expected, servers.stream().map(s -> s.getAddress().getHostAddress()).toList());
        servers.forEach(server -> assertEquals(53, server.getPort()));
    }

    @Test
    void readsAFile(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("resolv.conf"), "nameserver 127.0.0.53\noptions edns0\n");

        assertEquals(List.of(new InetSocketAddress("127.0.0.53", 53)), ResolvConf.read(file));
    }

    @Test
    void aFileWithoutNameServersIsAnError(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("resolv.conf"), "search example.com\n");

        DnsException e = assertThrows(DnsException.class, () -> ResolvConf.read(file));
        assertEquals("no nameserver line with an IP address in " + file, e.getMessage());
    }

    @Test
    void aMissingFileIsAnError(@TempDir Path dir) {
        DnsException e = assertThrows(DnsException.class, () -> ResolvConf.read(dir.resolve("absent")));
        assertEquals("cannot read " + dir.resolve("absent") + ": no such file", e.getMessage());
    }

    @Test
    void aDeviceIsRefusedUnread() {
        DnsException e = assertThrows(DnsException.class, () -> ResolvConf.read(Path.of("/dev/zero")));
        assertEquals("cannot read /dev/zero: not a regular file (a FIFO, socket or device)", e.getMessage());
    }
}
