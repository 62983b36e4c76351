package dev.coffeeshop.local.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Faster service starts on JDK 25+: each service runs from its extracted jar with an ahead-of-time cache of loaded and
 * linked classes (JEP 483/514). The first run records the cache when the service stops; later runs start in about
 * half the time. A rebuilt jar is extracted again and retrains; the JVM ignores a cache that does not match.
 */
final class AotCache {

    static final int MINIMUM_JAVA = 25;

    private AotCache() {}

    /** The jar and JVM options to run {@code jar} with, preparing the extracted copy under {@code directory}. */
    static List<String> command(Path jar, Path directory, Path log) {
        String stamp = stamp(jar);
        Path extracted = directory.resolve("app");
        Path runnable = extracted.resolve(jar.getFileName());
        Path cache = directory.resolve("app.aot");
        Path stampFile = directory.resolve("jar.stamp");
        try {
            if (!Files.isRegularFile(runnable) || !stamp.equals(readOrEmpty(stampFile))) {
                Directories.deleteRecursively(directory);
                Files.createDirectories(directory);
                ChildProcess.runToCompletion(
                        "extracting " + jar.getFileName(),
                        List.of(
                                JavaCommand.executable(),
                                "-Djarmode=tools",
                                "-jar",
                                jar.toString(),
                                "extract",
                                "--destination",
                                extracted.toString()),
                        log,
                        Duration.ofSeconds(60));
                Files.writeString(stampFile, stamp, StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare " + directory, e);
        }
        String aot = Files.isRegularFile(cache) ? "-XX:AOTCache=" + cache : "-XX:AOTCacheOutput=" + cache;
        // the cache skips a few classes it cannot hold and says so for each; that is expected, not a problem
        return List.of(aot, "-Xlog:aot=error,cds=error", "-jar", runnable.toString());
    }

    static boolean supported(int javaFeatureVersion) {
        return javaFeatureVersion >= MINIMUM_JAVA;
    }

    private static String stamp(Path jar) {
        try {
            return Files.size(jar) + " " + Files.getLastModifiedTime(jar).toMillis();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String readOrEmpty(Path file) throws IOException {
        return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    }
}
