package dev.vigil.cli;

import dev.vigil.demo.LoopbackTarget;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code vigil train-cache}, hidden: one {@code vigil probe} of a throw-away HTTPS target on loopback, its output
 * dropped. {@code bin/vigil cache} runs it to record the classes a probe loads (HTTP client, TLS handshake, certificate
 * checks, reports) when installing, where there may be no network and no target to probe.
 */
@Command(name = "train-cache", hidden = true, mixinStandardHelpOptions = true, description = "Probe a throw-away loopback HTTPS target once, output "
        + "dropped; exit as that probe would (bin/vigil cache records the classes it loads).")
final class TrainCacheCommand implements Callable<Integer> {
    private final CliContext context;

    @Spec
    CommandSpec spec;

    TrainCacheCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws IOException, GeneralSecurityException {
        Path ca = Files.createTempFile("vigil-train-cache", ".pem");
        try (LoopbackTarget target = LoopbackTarget.start(context.clock().instant())) {
            Files.writeString(ca, target.caPem());
            String[] args = {"probe", "--timeout", "5s", "--ca-file", ca.toString(), target.url().toString()};
            CommandLine probe = Main.commandLine(context, args);
            probe.setOut(new PrintWriter(Writer.nullWriter()));
            probe.setErr(spec.commandLine().getErr());
            return probe.execute(args);
        } finally {
            Files.deleteIfExists(ca);
        }
    }
}
