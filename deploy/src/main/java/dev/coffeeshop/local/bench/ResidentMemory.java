package dev.coffeeshop.local.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The largest resident set (VmRSS in {@code /proc/<pid>/status}) each process reached, sampled twice a second in the
 * background while the bench loads the system. Linux only; elsewhere it reports nothing.
 */
final class ResidentMemory implements AutoCloseable {

    private final Map<String, Long> pids;
    private final Map<String, Long> maxKilobytes = new ConcurrentHashMap<>();
    private final Thread sampler;
    private volatile boolean running = true;

    ResidentMemory(Map<String, Long> pids) {
        this.pids = Map.copyOf(pids);
        this.sampler = Thread.ofPlatform().daemon().name("rss-sampler").start(this::sample);
    }

    private void sample() {
        while (running) {
            pids.forEach((name, pid) -> kilobytes(pid).ifPresent(kb -> maxKilobytes.merge(name, kb, Math::max)));
            try {
                // another process's memory is only seen by reading it again: a sample twice a second
                Thread.sleep(500);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** VmRSS of a process in kB, from a line like {@code VmRSS:	  301232 kB}. */
    static Optional<Long> kilobytes(long pid) {
        try {
            return parse(Files.readString(Path.of("/proc", Long.toString(pid), "status")));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    static Optional<Long> parse(String status) {
        return status.lines()
                .filter(line -> line.startsWith("VmRSS:"))
                .findFirst()
                .map(line -> Long.parseLong(line.replaceAll("[^0-9]", "")));
    }

    /** The largest resident set of each process in MiB; NaN for one never read. */
    Map<String, Double> maxMegabytes() {
        var result = new LinkedHashMap<String, Double>();
        pids.keySet().stream()
                .sorted()
                .forEach(name -> result.put(
                        name, maxKilobytes.containsKey(name) ? maxKilobytes.get(name) / 1024.0 : Double.NaN));
        return result;
    }

    @Override
    public void close() {
        running = false;
        sampler.interrupt();
    }
}
