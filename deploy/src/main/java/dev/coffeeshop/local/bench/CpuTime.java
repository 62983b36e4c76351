package dev.coffeeshop.local.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * CPU time each part of the stack has used, from {@code /proc/<pid>/stat} (user plus system time), for PostgreSQL with
 * its descendants: it serves each connection from a child process. The difference over a load tells who
 * spent the machine's cores on it. Linux only; elsewhere every part reads zero.
 */
final class CpuTime {

    /** The kernel's clock ticks per second (USER_HZ), 100 on every common Linux. */
    static final double TICKS_PER_SECOND = 100;

    private CpuTime() {}

    /**
     * CPU seconds used so far by each named process, with its descendants for those named in {@code withDescendants}
     * (PostgreSQL's backends; not the launcher's, whose descendants are the rest of the stack).
     */
    static Map<String, Double> seconds(Map<String, Long> pids, Set<String> withDescendants) {
        var seconds = new LinkedHashMap<String, Double>();
        pids.forEach((name, pid) -> {
            Stream<Long> children = withDescendants.contains(name)
                    ? ProcessHandle.of(pid).stream()
                            .flatMap(ProcessHandle::descendants)
                            .map(ProcessHandle::pid)
                    : Stream.empty();
            seconds.put(
                    name,
                    Stream.concat(Stream.of(pid), children)
                            .mapToDouble(CpuTime::seconds)
                            .sum());
        });
        return seconds;
    }

    /** CPU seconds the whole machine has been busy (every core, every process), from {@code /proc/stat}. */
    static double machineBusySeconds() {
        try {
            return parseMachine(Files.readAllLines(Path.of("/proc/stat")).get(0));
        } catch (IOException | IndexOutOfBoundsException e) {
            return Double.NaN;
        }
    }

    /** From the {@code cpu} line of {@code /proc/stat}: every tick that was neither idle nor waiting for I/O. */
    static double parseMachine(String cpuLine) {
        String[] fields = cpuLine.strip().split("\\s+");
        long busy = 0;
        for (int i = 1; i < fields.length; i++) {
            // fields 4 and 5 are idle and iowait; 9 and 10 (guest time) are already counted in user and nice
            if (i != 4 && i != 5 && i != 9 && i != 10) {
                busy += Long.parseLong(fields[i]);
            }
        }
        return busy / TICKS_PER_SECOND;
    }

    private static double seconds(long pid) {
        try {
            return parse(Files.readString(Path.of("/proc", Long.toString(pid), "stat")));
        } catch (IOException e) {
            return 0;
        }
    }

    /**
     * User and system time in seconds from a {@code stat} line: fields 14 and 15, counted after the command name in
     * parentheses, which may itself hold spaces.
     */
    static double parse(String stat) {
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        // fields[0] is field 3 (state)
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / TICKS_PER_SECOND;
    }
}
