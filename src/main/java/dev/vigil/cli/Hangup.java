package dev.vigil.cli;

import dev.vigil.agent.Agent;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.lang.reflect.Proxy;

/**
 * SIGHUP reloads the agent's config, as it does Prometheus'; without a handler the JVM would exit on it. The JDK runs
 * each signal's handler on a new thread, so a reload that takes long holds up neither SIGTERM nor the next SIGHUP.
 *
 * <p>The handler is installed before the agent starts: once the agent logs that it started, a SIGHUP must never meet
 * the JVM's default. A SIGHUP that comes before {@link #attach} reloads the agent as soon as it is attached.
 */
final class Hangup {
    private static final Logger LOG = System.getLogger("dev.vigil.agent");

    private Agent agent;
    private boolean pending;

    private Hangup() {
    }

    /** Installs the handler; where the JVM offers no SIGHUP (Windows, or -Xrs), says so and goes on without it. */
    static Hangup install() {
        Hangup hangup = new Hangup();
        hangup.reloadOnSighup();
        return hangup;
    }

    /** From now on a SIGHUP reloads {@code started}; one that came before reloads it now. */
    void attach(Agent started) {
        boolean reloadNow;
        synchronized (this) {
            agent = started;
            reloadNow = pending;
            pending = false;
        }
        if (reloadNow) {
            started.reload();
        }
    }

    private void hangup() {
        Agent target;
        synchronized (this) {
            target = agent;
            pending = target == null;
        }
        LOG.log(Level.INFO, "SIGHUP: reloading the config");
        if (target != null) {
            target.reload();
        }
    }

    private void reloadOnSighup() {
        // sun.misc.Signal (module jdk.unsupported) is the JDK's only signal API. It is reached by reflection because
        // javac warns at every use of it, with no way to suppress the warning.
        try {
            Class<?> signal = Class.forName("sun.misc.Signal");
            Class<?> handler = Class.forName("sun.misc.SignalHandler");
            Object reload = Proxy.newProxyInstance(Hangup.class.getClassLoader(), new Class<?>[] {handler},
                    (proxy, method, args) -> switch (method.getName()) {
                        case "handle" -> {
                            hangup();
                            yield null;
                        }
                        case "equals" -> proxy == args[0];
                        case "hashCode" -> System.identityHashCode(proxy);
                        default -> "reload on SIGHUP";
                    });
            signal.getMethod("handle", signal, handler).invoke(null,
                    signal.getConstructor(String.class).newInstance("HUP"), reload);
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.log(Level.INFO, "SIGHUP cannot be handled here (" + e + "); the config reloads when it changes");
        }
    }
}
