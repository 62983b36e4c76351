package dev.coffeeshop.local.stack;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** POSIX signals to processes of the stack, through {@code kill}: what an operator (or a fault) would do. */
public final class Signals {

    private Signals() {}

    /** Sends {@code SIG<signal>} (e.g. {@code STOP}, {@code CONT}) to every pid, failing if any is refused. */
    public static void send(String signal, List<Long> pids) {
        if (pids.isEmpty()) {
            return;
        }
        var command = new ArrayList<String>(List.of("kill", "-" + signal));
        pids.forEach(pid -> command.add(Long.toString(pid)));
        try {
            Process kill = new ProcessBuilder(command).redirectErrorStream(true).start();
            if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: "
                        + new String(kill.getInputStream().readAllBytes()));
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run kill", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while sending SIG" + signal, e);
        }
    }

    /** As {@link #send}, for clean-up: a process that is gone already is no error. */
    public static void trySend(String signal, long pid) {
        try {
            send(signal, List.of(pid));
        } catch (IllegalStateException ignored) {
            // gone already
        }
    }

    /** A process and all its descendants, e.g. PostgreSQL's postmaster and its backends. */
    public static List<Long> withDescendants(long pid) {
        var pids = new ArrayList<Long>();
        pids.add(pid);
        ProcessHandle.of(pid).ifPresent(p -> p.descendants().forEach(d -> pids.add(d.pid())));
        return pids;
    }
}
