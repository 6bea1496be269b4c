package dev.vigil.cli;

import dev.vigil.state.VigilState;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code vigil why [PROBE]}: a probe's current incidents, their cause, evidence and fix, from the state directory. */
@Command(name = "why", mixinStandardHelpOptions = true, sortOptions = false, description = {
        "Show the incidents that fire now for PROBE, or every probe, and their causes.",
        "For each: the cause the agent told, its evidence, the symptoms it explains and its facts, with since when it"
                + " fires. Reads the state directory without locking it, so it works while the agent runs. Exits 0"
                + " when nothing fires, 1 with only warnings, 2 with a critical."})
final class WhyCommand implements Callable<Integer> {
    enum Output { text, json }

    private final CliContext context;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "PROBE", description = "The probe (default: every probe).")
    String probe;

    @Mixin
    StateDirOption stateDir;

    @Option(names = {"-o", "--output"}, defaultValue = "text", description = "text or json.")
    Output output;

    WhyCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        Path dir = stateDir.resolve(context);
        VigilState state = StateDirOption.read(dir, spec);
        List<String> known = WhyReport.probes(state);
        if (probe != null && !known.contains(probe)) {
            throw new ParameterException(spec.commandLine(), "no probe '" + probe + "' in " + dir + "; probes there: "
                    + (known.isEmpty() ? "none yet" : String.join(", ", known)));
        }
        List<WhyReport.Entry> entries = (probe == null ? known : List.of(probe)).stream()
                .map(name -> WhyReport.entry(state, name)).toList();
        NagiosStatus worst = WhyReport.worst(entries);
        PrintWriter out = spec.commandLine().getOut();
        if (output == Output.json) {
            out.print(WhyReport.json(entries, worst).toPrettyString() + "\n");
        } else {
            String text = WhyReport.text(entries, context.clock().instant());
            out.print(text.isEmpty() ? "no incident: the state in " + dir + " knows no probe yet\n" : text);
        }
        out.flush();
        return worst.exitCode();
    }
}
