package dev.vigil.cli;

import dev.vigil.demo.Demo;
import dev.vigil.demo.DemoException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code vigil demo}: replays the incident Vigil was built for on loopback, printing what Vigil alerts. */
@Command(name = "demo", mixinStandardHelpOptions = true, description = {
        "See what Vigil tells you: replay an incident on loopback, with no network and no setup.",
        "An HTTPS ingress whose certificate is re-issued at every restart until the CA (a throw-away one named like"
                + " Let's Encrypt's) refuses, its fallback to a default certificate, a recreated load balancer with a"
                + " stale A record, and the recovery; each stage prints what Vigil alerts, as a Slack route receives"
                + " it. Takes about two minutes. The agent's metrics are served on a free loopback port, printed at"
                + " the start. Exits 0 when every stage showed what it should, 1 when one did not, 3 when the demo"
                + " cannot start."})
final class DemoCommand implements Callable<Integer> {
    private final CliContext context;

    @Spec
    CommandSpec spec;

    @Option(names = "--fast", description = "Probe every 500 ms and pause 1.5 s after each stage: about 15 seconds in all.")
    boolean fast;

    @Option(names = "--hold", description = "Stop at the incident's worst, before the recovery, and print the agent's"
            + " status page; go on when a line is entered or standard input ends.")
    boolean hold;

    DemoCommand(CliContext context) {
        this.context = context;
    }

    /** Waits for a line or the end of standard input. */
    private static void holdAt(URI page, PrintWriter out) {
        out.println();
        out.println("Holding at the incident: the agent's status page is at " + page);
        out.println("Press Enter (or close standard input) to go on to the recovery.");
        out.flush();
        try {
            new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        } catch (IOException e) {
            // Standard input that cannot be read ends the hold as its end would.
        }
    }

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        try {
            Demo demo = new Demo(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), fast,
                    hold ? page -> holdAt(page, out) : null);
            return demo.run(out, context.clock()) ? 0 : 1;
        } catch (DemoException e) {
            PrintWriter err = spec.commandLine().getErr();
            err.println("vigil demo: " + e.getMessage());
            err.flush();
            return NagiosStatus.UNKNOWN.exitCode();
        }
    }
}
