import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.concurrent.Executors;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509KeyManager;

/**
 * The loopback targets of .ci/jlink-check, run on the full JDK: an HTTPS server on 127.0.0.1 with EC P-256
 * certificates that agrees only on X25519, serving /healthz, a Kubernetes API's answer for Service ingress/traefik,
 * its list of the Ingresses of namespace shop (one) and a watch of them that stays quiet, and /rotate, after which
 * handshakes get the second certificate; and a DNS server on 127.0.0.1 (UDP) answering A 127.0.0.1 for any name and
 * no AAAA.
 *
 * <p>Usage: {@code java LoopbackTarget.java CHAIN.pem KEY.pem CHAIN2.pem KEY2.pem TOKEN}; prints
 * {@code https=PORT dns=PORT}, then serves until killed.
 */
public final class LoopbackTarget {
    private static final String SERVICE = """
            {"kind":"Service","metadata":{"namespace":"ingress","name":"traefik"},
             "status":{"loadBalancer":{"ingress":[{"ip":"127.0.0.1"}]}}}
            """;
    private static final String INGRESSES = "/apis/networking.k8s.io/v1/namespaces/shop/ingresses";
    /** One Ingress, its host served with TLS at the load balancer 127.0.0.1: discovery makes one https probe of it. */
    private static final String INGRESS_LIST = """
            {"kind":"IngressList","apiVersion":"networking.k8s.io/v1","metadata":{"resourceVersion":"7"},"items":[
             {"metadata":{"namespace":"shop","name":"web","resourceVersion":"5"},
              "spec":{"tls":[{"hosts":["discovered.vigil.test"]}],"rules":[{"host":"discovered.vigil.test"}]},
              "status":{"loadBalancer":{"ingress":[{"ip":"127.0.0.1"}]}}}]}
            """;
    /** The longest a watch is held open, whatever timeoutSeconds asks. */
    private static final long MAX_WATCH_MILLIS = 60_000;

    public static void main(String[] args) throws Exception {
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("first", key(Path.of(args[1])), new char[0], chain(Path.of(args[0])));
        store.setKeyEntry("second", key(Path.of(args[3])), new char[0], chain(Path.of(args[2])));
        KeyManagerFactory factory = KeyManagerFactory.getInstance("SunX509"); // plain key store aliases
        factory.init(store, new char[0]);
        RotatingKeys keys = new RotatingKeys((X509KeyManager) factory.getKeyManagers()[0]);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(new RotatingKeys[] {keys}, null, null);
        String token = args[4];

        HttpsServer https = HttpsServer.create(new InetSocketAddress(loopback, 0), 0);
        https.setHttpsConfigurator(new HttpsConfigurator(context) {
            @Override
            public void configure(HttpsParameters params) {
                SSLParameters ssl = getSSLContext().getDefaultSSLParameters();
                // Only X25519 key agreement: on JDK 21 it and ECDSA live in jdk.crypto.ec.
                ssl.setNamedGroups(new String[] {"x25519"});
                params.setSSLParameters(ssl);
            }
        });
        https.createContext("/healthz", exchange -> reply(exchange, 200, "{\"status\":\"ok\"}"));
        https.createContext("/api/v1/namespaces/ingress/services/traefik", exchange -> {
            boolean authorized = ("Bearer " + token).equals(exchange.getRequestHeaders().getFirst("Authorization"));
            reply(exchange, authorized ? 200 : 401, authorized ? SERVICE : "{\"kind\":\"Status\",\"code\":401}");
        });
        https.createContext(INGRESSES, exchange -> {
            if (!("Bearer " + token).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                reply(exchange, 401, "{\"kind\":\"Status\",\"code\":401}");
            } else if (String.valueOf(exchange.getRequestURI().getQuery()).contains("watch=1")) {
                watch(exchange);
            } else {
                reply(exchange, 200, INGRESS_LIST);
            }
        });
        https.createContext("/rotate", exchange -> {
            keys.alias = "second";
            reply(exchange, 200, "{}");
        });
        https.setExecutor(Executors.newCachedThreadPool()); // an open watch holds its thread
        https.start();

        DatagramSocket dns = new DatagramSocket(new InetSocketAddress(loopback, 0));
        Thread.ofPlatform().start(() -> answerDns(dns));

        System.out.println("https=" + https.getAddress().getPort() + " dns=" + dns.getLocalPort());
        System.out.flush();
    }

    private static Certificate[] chain(Path pem) throws Exception {
        return CertificateFactory.getInstance("X.509")
                .generateCertificates(new ByteArrayInputStream(Files.readAllBytes(pem)))
                .toArray(Certificate[]::new);
    }

    private static PrivateKey key(Path pkcs8Pem) throws Exception {
        String base64 = Files.readString(pkcs8Pem).replaceAll("-----[A-Z ]+-----|\\s", "");
        return KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
    }

    private static void reply(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (var out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** A watch as a quiet cluster's: a bookmark, then nothing until it ends (at most a minute). */
    private static void watch(HttpExchange exchange) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, 0);
        try (var out = exchange.getResponseBody()) {
            out.write("{\"type\":\"BOOKMARK\",\"object\":{\"metadata\":{\"resourceVersion\":\"7\"}}}\n"
                    .getBytes(StandardCharsets.UTF_8));
            out.flush();
            Thread.sleep(MAX_WATCH_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Echoes each query's header and question; an A question gets 127.0.0.1 (TTL 60), any other type no answer. */
    private static void answerDns(DatagramSocket socket) {
        byte[] buffer = new byte[512];
        while (true) {
            try {
                DatagramPacket query = new DatagramPacket(buffer, buffer.length);
                socket.receive(query);
                ByteBuffer in = ByteBuffer.wrap(buffer, 0, query.getLength());
                int end = 12;
                while (buffer[end] != 0) {
                    end += (buffer[end] & 0xff) + 1;
                }
                end += 5; // the root label, QTYPE, QCLASS
                boolean a = in.getShort(end - 4) == 1;
                ByteBuffer out = ByteBuffer.allocate(end + 16);
                out.putShort(in.getShort(0)); // ID
                out.putShort((short) (0x8180 | (in.getShort(2) & 0x0100))); // QR, RA and the query's RD; NOERROR
                out.putShort((short) 1).putShort((short) (a ? 1 : 0)).putShort((short) 0).putShort((short) 0);
                out.put(buffer, 12, end - 12);
                if (a) {
                    out.putShort((short) 0xc00c).putShort((short) 1).putShort((short) 1).putInt(60).putShort((short) 4)
                            .put(new byte[] {127, 0, 0, 1});
                }
                socket.send(new DatagramPacket(out.array(), out.position(), query.getSocketAddress()));
            } catch (IOException | RuntimeException e) {
                System.err.println("LoopbackTarget: DNS: " + e);
            }
        }
    }

    /** Offers the server certificate under {@link #alias}; the other methods are the key store's. */
    private static final class RotatingKeys extends X509ExtendedKeyManager {
        private final X509KeyManager keys;
        volatile String alias = "first";

        RotatingKeys(X509KeyManager keys) {
            this.keys = keys;
        }

        @Override
        public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
            return keyType.equals("EC") ? alias : null;
        }

        @Override
        public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
            return keyType.equals("EC") ? alias : null;
        }

        @Override
        public String[] getServerAliases(String keyType, Principal[] issuers) {
            return keys.getServerAliases(keyType, issuers);
        }

        @Override
        public X509Certificate[] getCertificateChain(String alias) {
            return keys.getCertificateChain(alias);
        }

        @Override
        public PrivateKey getPrivateKey(String alias) {
            return keys.getPrivateKey(alias);
        }

        @Override
        public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
            return null;
        }

        @Override
        public String[] getClientAliases(String keyType, Principal[] issuers) {
            return null;
        }
    }
}
