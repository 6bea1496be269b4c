package dev.vigil.demo;

import dev.vigil.alert.Notification;
import dev.vigil.output.slack.SlackRoute;
import dev.vigil.probe.tls.CertificateFactsReader;
import dev.vigil.time.Moments;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * The incident, stage by stage: what happens to the ingress, the CA and DNS, and what Vigil alerts about it, as a
 * Slack route would receive it. Each stage waits, polling with a deadline, until the agent has seen what was staged
 * and said what it says about it; a stage whose expectation is not met within the deadline is reported, and the demo
 * ends unsuccessful.
 */
final class Stages {
    static final String HEALTHY = "Stage 1/5: healthy";
    static final String RESTARTS = "Stage 2/5: the ingress restarts and gets a new certificate every time";
    static final String FALLBACK = "Stage 3/5: the CA refuses; the ingress falls back to its default certificate";
    static final String STALE_DNS = "Stage 4/5: the load balancer is recreated; DNS still answers the old address";
    static final String RECOVERY = "Stage 5/5: recovery";
    private static final Duration POLL = Duration.ofMillis(100);
    private static final String INDENT = "    │ ";
    /** The alerts the recovery resolves. */
    private static final List<String> RECOVERED = List.of("down", "cert_invalid", "dns_lb_mismatch");
    /** Why an alert outlives the recovery. */
    private static final Map<String, String> STILL_FIRING = Map.of(
            "duplicate_limit", " (no certificate for these names is left until the CA gives one back)",
            "cert_churn", " (the re-issues stay in the certificate history for the limit's 168 h)");

    private final PrintWriter out;
    private final DemoRoute route;
    private final HttpClient http;
    private final URI metrics;
    private final Scene scene;
    private final Pace pace;
    private final Demo.Hold hold;
    /** Firing alerts by condition, with the severity they fired with. */
    private final Map<String, String> firing = new LinkedHashMap<>();
    private boolean failed;

    /**
     * The parts of the demo the stages act on.
     *
     * @param ingress      the HTTPS server
     * @param dns          the DNS server the probe asks
     * @param issued       the certificates the CA issues, one per start of the ingress, oldest first
     * @param fallback     the ingress's self-signed default certificate
     * @param oldAddress   the load balancer's address before it is recreated, where DNS points
     * @param newAddresses where the recreated load balancer may be, in order of preference
     */
    record Scene(Ingress ingress, DemoDns dns, List<Credential> issued, Credential fallback, InetAddress oldAddress,
            List<InetAddress> newAddresses) {
        Scene {
            issued = List.copyOf(issued);
            newAddresses = List.copyOf(newAddresses);
        }
    }

    /**
     * How fast the demo goes.
     *
     * @param pause  how long each stage's outcome stays on screen before the next begins, messages still printed
     * @param within how long a stage waits for the agent before it is reported as not seen
     */
    record Pace(Duration pause, Duration within) {
    }

    Stages(PrintWriter out, DemoRoute route, HttpClient http, URI metrics, Scene scene, Pace pace, Demo.Hold hold) {
        this.out = out;
        this.route = route;
        this.http = http;
        this.metrics = metrics;
        this.scene = scene;
        this.pace = pace;
        this.hold = hold;
    }

    /** Plays every stage; true if each one showed what it should. */
    boolean play() throws InterruptedException, GeneralSecurityException {
        healthy();
        restarts();
        fallback();
        staleDns();
        if (hold != null) {
            hold.at(metrics.resolve("/"));
        }
        recovery();
        return !failed;
    }

    private void healthy() throws InterruptedException {
        heading(HEALTHY);
        Credential first = scene.issued().getFirst();
        say("The ingress serves " + Demo.HOST + " and " + Demo.OTHER + " with certificate " + serial(first)
                + " from the demo CA \"R11, O=Let's Encrypt\", issued " + Moments.minute(notBefore(first)) + ".");
        say("DNS: " + Demo.HOST + " A " + scene.oldAddress().getHostAddress() + " (TTL 1 h); the load balancer "
                + Demo.LB + " is " + scene.oldAddress().getHostAddress() + ".");
        expect("a passing run with certificate " + serial(first), () -> seen(first) && success());
        if (!failed && firing.isEmpty()) {
            say("Vigil says nothing: probe_success is 1.");
        }
        pause();
    }

    private void restarts() throws InterruptedException, GeneralSecurityException {
        heading(RESTARTS);
        say("Each restart loses the ACME storage (acme.json is not on a persistent volume), so the ingress asks the CA"
                + " for a new certificate for the same two names. Simulated 30 minutes apart:");
        List<Credential> issued = scene.issued();
        for (int i = 1; i < issued.size(); i++) {
            Credential next = issued.get(i);
            say("Restart " + i + " at " + Moments.minute(notBefore(next)) + ": new certificate " + serial(next) + ".");
            scene.ingress().serve(next);
            expect("certificate " + serial(next) + " seen", () -> seen(next));
        }
        expect("the churn warning", () -> firing.containsKey("cert_churn"));
        pause();
    }

    private void fallback() throws InterruptedException, GeneralSecurityException {
        heading(FALLBACK);
        say("Restart " + scene.issued().size() + ": the CA answers \"too many certificates (" + scene.issued().size()
                + ") already issued for this exact set of identifiers in the last 168h\", so the ingress serves its"
                + " self-signed default certificate, CN=TRAEFIK DEFAULT CERT.");
        scene.ingress().serve(scene.fallback());
        expect("the critical alert on the default certificate", () -> firing.containsKey("cert_invalid"));
        pause();
    }

    private void staleDns() throws InterruptedException {
        heading(STALE_DNS);
        InetAddress moved = moveIngress();
        if (moved == null) {
            return;
        }
        scene.dns().answer(Demo.LB, moved, Demo.LB_TTL_SECONDS);
        say("The load balancer was recreated: " + Demo.LB + " is now " + text(moved) + ", and nothing"
                + " answers at " + scene.oldAddress().getHostAddress() + " any more. The A record of " + Demo.HOST
                + " still says " + scene.oldAddress().getHostAddress() + ", TTL 1 h.");
        expect("the alert that DNS does not point at the load balancer",
                () -> firing.containsKey("dns_lb_mismatch"));
        pause();
    }

    private void recovery() throws InterruptedException, GeneralSecurityException {
        heading(RECOVERY);
        Credential last = scene.issued().getLast();
        InetAddress current = scene.ingress().address();
        say("The ACME storage is made persistent and the last certificate, " + serial(last) + ", put back in it; DNS"
                + " now answers " + text(current) + " for " + Demo.HOST + " and " + Demo.OTHER + ".");
        scene.ingress().serve(last);
        scene.dns().answer(Demo.HOST, current, Demo.TTL_SECONDS);
        scene.dns().answer(Demo.OTHER, current, Demo.TTL_SECONDS);
        expect("a passing run, and the certificate and DNS alerts resolved", () -> success() && seen(last)
                && RECOVERED.stream().noneMatch(firing::containsKey));
        for (String condition : firing.keySet()) {
            say("Still firing, rightly: " + condition + STILL_FIRING.getOrDefault(condition, "") + ".");
        }
        pause();
    }

    /** Moves the ingress to the first new address this machine has; null (reported) if none. */
    private InetAddress moveIngress() {
        for (InetAddress address : scene.newAddresses()) {
            try {
                scene.ingress().moveTo(address);
                return address;
            } catch (IOException e) {
                say("(" + text(address) + " is not available on this machine: " + e.getMessage() + ")");
            }
        }
        failed = true;
        say("No second loopback address to move the load balancer to: this stage is skipped.");
        return null;
    }

    private void heading(String title) {
        out.println();
        out.println("== " + title + " ==");
        out.flush();
    }

    private void say(String sentence) {
        out.println("  " + sentence);
        out.flush();
    }

    /** Prints what arrives until {@code condition} holds; reports it and marks the demo failed after the deadline. */
    private void expect(String what, BooleanSupplier condition) throws InterruptedException {
        Instant deadline = Instant.now().plus(pace.within());
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                failed = true;
                say("NOT SEEN within " + pace.within().toSeconds() + " s: " + what + ".");
                return;
            }
            printNext(POLL);
        }
    }

    /** Leaves the stage on screen for the pace's pause, printing any message that arrives meanwhile. */
    private void pause() throws InterruptedException {
        Instant end = Instant.now().plus(pace.pause());
        for (Duration left = pace.pause(); left.isPositive(); left = Duration.between(Instant.now(), end)) {
            printNext(left.compareTo(POLL) < 0 ? left : POLL);
        }
        drain();
    }

    /** Prints the messages already sent. */
    private void drain() throws InterruptedException {
        while (printNext(Duration.ZERO)) {
            // each printed
        }
    }

    private boolean printNext(Duration wait) throws InterruptedException {
        Notification n = route.next(wait);
        if (n == null) {
            return false;
        }
        switch (n.type()) {
            case FIRING -> firing.put(n.condition().id(), n.severity().id());
            case RESOLVED -> firing.remove(n.condition().id());
            case REMINDER, EVENT, TEST -> {
                // no change to what is firing
            }
        }
        out.println("  Vigil alerts (" + n.type().id() + ", " + n.condition().id() + ", " + n.severity().id() + "):");
        for (String line : SlackRoute.preview(n).split("\n")) {
            out.println(INDENT + line);
        }
        out.flush();
        return true;
    }

    private boolean seen(Credential credential) {
        double notBefore = notBefore(credential).getEpochSecond();
        return scrape().value("vigil_cert_not_before_timestamp_seconds", "probe", Demo.PROBE).orElse(0) == notBefore;
    }

    private boolean success() {
        return scrape().value("probe_success", "probe", Demo.PROBE).orElse(0) == 1;
    }

    private Scrape scrape() {
        try {
            return Scrape.of(http, metrics);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Scrape("");
        }
    }

    /** {@code address} as the messages write it: {@code getHostAddress} spells {@code ::1} out in full. */
    private static String text(InetAddress address) {
        return address instanceof Inet6Address && address.isLoopbackAddress() ? "::1" : address.getHostAddress();
    }

    private static Instant notBefore(Credential credential) {
        return credential.certificate().getNotBefore().toInstant();
    }

    private static String serial(Credential credential) {
        return CertificateFactsReader.serialHex(credential.certificate().getSerialNumber());
    }
}
