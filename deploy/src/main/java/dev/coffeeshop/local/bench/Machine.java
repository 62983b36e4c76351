package dev.coffeeshop.local.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** What the figures were measured on: they mean little without the cores, memory and JDK beside them. */
record Machine(int cores, String cpu, long memoryMegabytes, String jdk, String os) {

    static Machine current() {
        return new Machine(
                Runtime.getRuntime().availableProcessors(),
                procValue("/proc/cpuinfo", "model name").orElse("unknown"),
                procValue("/proc/meminfo", "MemTotal")
                        .map(v -> Long.parseLong(v.replaceAll("[^0-9]", "")) / 1024)
                        .orElse(-1L),
                System.getProperty("java.vm.vendor") + " " + Runtime.version(),
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                        + System.getProperty("os.arch"));
    }

    String describe() {
        return "%d cores (%s), %d MB memory, JDK %s, %s".formatted(cores, cpu, memoryMegabytes, jdk, os);
    }

    Map<String, Object> asMap() {
        var map = new LinkedHashMap<String, Object>();
        map.put("cores", cores);
        map.put("cpu", cpu);
        map.put("memoryMegabytes", memoryMegabytes);
        map.put("jdk", jdk);
        map.put("os", os);
        return map;
    }

    private static java.util.Optional<String> procValue(String file, String key) {
        try {
            return Files.readAllLines(Path.of(file)).stream()
                    .filter(line -> line.startsWith(key))
                    .findFirst()
                    .map(line -> line.substring(line.indexOf(':') + 1).strip());
        } catch (IOException e) {
            return java.util.Optional.empty();
        }
    }
}
