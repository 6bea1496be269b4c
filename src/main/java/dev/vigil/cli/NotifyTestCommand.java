package dev.vigil.cli;

import dev.vigil.config.ConfigException;
import dev.vigil.config.Outputs;
import dev.vigil.output.Deliveries;
import dev.vigil.output.Deliveries.Opened;
import dev.vigil.output.Delivery;
import dev.vigil.output.Outcome;
import dev.vigil.output.RouteConfig;
import dev.vigil.output.TestMessage;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code vigil notify-test}: one test message through each Slack, webhook and Alertmanager route of a config file,
 * whatever the route's filters, in one attempt, and what each receiver answered.
 */
@Command(name = "notify-test", mixinStandardHelpOptions = true, description = {
        "Send one test message through each notification route of a config file.",
        "Whatever the route's severities and labels, in one attempt without retries, and print what each receiver"
                + " answered (never a webhook URL). Exit 0 when every route delivered, 2 when any did not, 3 on bad"
                + " config or usage."})
final class NotifyTestCommand implements Callable<Integer> {
    private final CliContext context;

    @Spec
    CommandSpec spec;

    @Option(names = {"--config", "--config.file"}, required = true, paramLabel = "FILE", description = "The config file, e.g. probes.json.")
    Path config;

    @Option(names = "--route", paramLabel = "NAME",
            description = "Test only the route so named (repeatable); default: every route.")
    List<String> routeNames = new ArrayList<>();

    NotifyTestCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter err = spec.commandLine().getErr();
        Outputs outputs;
        try {
            outputs = context.configLoader().load(config).outputs();
        } catch (ConfigException e) {
            ConfigErrors.print(err, config, e, "nothing sent");
            return NagiosStatus.UNKNOWN.exitCode();
        }
        if (outputs.routes().isEmpty()) {
            err.println("no Slack, webhook or Alertmanager routes in " + config
                    + "; add outputs.slack, outputs.webhooks or outputs.alertmanager");
            err.flush();
            return NagiosStatus.UNKNOWN.exitCode();
        }
        checkRouteNames(outputs);
        List<RouteConfig> selected = outputs.routes().stream()
                .filter(route -> routeNames.isEmpty() || routeNames.contains(route.route().name())).toList();
        try (Deliveries deliveries = Deliveries.open(selected, context.tls().get(), context.userAgent())) {
            List<Opened> checks = deliveries.opened();
            return report(checks, sendAll(checks));
        }
    }

    /** Throws a usage error naming the known routes when a {@code --route} names none of them. */
    private void checkRouteNames(Outputs outputs) {
        List<String> known = outputs.routes().stream().map(route -> route.route().name()).toList();
        List<String> unknown = routeNames.stream().filter(name -> !known.contains(name)).distinct().toList();
        if (!unknown.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "--route " + String.join(", ", unknown)
                    + ": no such route in " + config + "; its routes are " + String.join(", ", known));
        }
    }

    /** Each check's outcome, in order; the attempts run at once, so the slowest receiver sets the wait. */
    private List<Outcome> sendAll(List<Opened> checks) throws InterruptedException {
        String hostName = context.configLoader().hostName();
        Instant at = context.clock().instant();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Outcome>> sent = checks.stream().map(check -> pool.submit(() -> check.delivery()
                    .send(TestMessage.of(check.route(), hostName, at)))).toList();
            List<Outcome> outcomes = new ArrayList<>();
            for (int i = 0; i < checks.size(); i++) {
                outcomes.add(await(checks.get(i).delivery(), sent.get(i)));
            }
            return outcomes;
        }
    }

    /** The outcome of one attempt, which its sender bounds in time. */
    private static Outcome await(Delivery delivery, Future<Outcome> sent) throws InterruptedException {
        try {
            return sent.get();
        } catch (ExecutionException e) {
            // A Delivery classifies every network failure, so this is a bug; its cause is left out: it may name the URL.
            throw new IllegalStateException(delivery.name() + ": the test message could not be sent");
        }
    }

    /** One line per route and a summary on stdout; the exit code. */
    private int report(List<Opened> checks, List<Outcome> outcomes) {
        PrintWriter out = spec.commandLine().getOut();
        int delivered = 0;
        for (int i = 0; i < checks.size(); i++) {
            Outcome outcome = outcomes.get(i);
            delivered += outcome.kind() == Outcome.Kind.DELIVERED ? 1 : 0;
            out.println(checks.get(i).delivery().name() + ": " + describe(outcome));
        }
        out.println(delivered + " of " + checks.size() + " routes delivered");
        out.flush();
        return (delivered == checks.size() ? NagiosStatus.OK : NagiosStatus.CRITICAL).exitCode();
    }

    private static String describe(Outcome outcome) {
        return switch (outcome.kind()) {
            case DELIVERED -> "delivered";
            case RETRY_LATER -> "not delivered, may succeed later: " + outcome.reason();
            case DROPPED -> "not delivered, will never be: " + outcome.reason();
        };
    }
}
