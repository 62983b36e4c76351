package dev.coffeeshop.local.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The identity provider as its own JVM, like a service ({@code java -jar}, configured through its environment, with an
 * ahead-of-time cache when the stack uses them), but with no broker and no database: it starts beside Kafka and
 * PostgreSQL, so the services can check tokens from their first request.
 */
final class IdentityProviderProcess implements AutoCloseable {

    static final String NAME = "identity-provider";
    private static final String VERSION = "0.1.0-SNAPSHOT";
    private static final Duration STOP_GRACE = Duration.ofSeconds(20);

    private final ChildProcess process;
    private final URI baseUrl;

    private IdentityProviderProcess(ChildProcess process, URI baseUrl) {
        this.process = process;
        this.baseUrl = baseUrl;
    }

    static Path jar(Path projectRoot) {
        return projectRoot.resolve(NAME).resolve("target").resolve(NAME + "-" + VERSION + ".jar");
    }

    static IdentityProviderProcess start(StackSettings settings) {
        Path jar = jar(settings.projectRoot());
        if (!Files.isRegularFile(jar)) {
            throw new StackStartupException(
                    "No jar for " + NAME + " at " + jar + "; build it: ./mvnw -q -pl " + NAME + " -DskipTests package");
        }
        Path log = settings.log(NAME);
        try {
            Files.createDirectories(log.getParent());
            Files.deleteIfExists(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> command = new ArrayList<>();
        command.add(JavaCommand.executable());
        command.addAll(settings.serviceJvmOptions());
        command.addAll(JavaCommand.quietOptions());
        if (settings.aotCaches() && AotCache.supported(Runtime.version().feature())) {
            command.addAll(AotCache.command(
                    jar, settings.dataDirectory().resolve("aot").resolve(NAME), log));
        } else {
            command.addAll(List.of("-jar", jar.toString()));
        }
        var process = ChildProcess.start(NAME, command, settings.identity().environment(), settings.projectRoot(), log);
        return new IdentityProviderProcess(process, settings.identity().issuer());
    }

    /** Waits for health UP; fails at once if the process dies, showing its log's end. */
    void awaitHealthy(Duration timeout) {
        Health.await(NAME, process, baseUrl.resolve("/actuator/health"), timeout);
    }

    URI baseUrl() {
        return baseUrl;
    }

    ChildProcess process() {
        return process;
    }

    @Override
    public void close() {
        process.stop(STOP_GRACE);
    }
}
