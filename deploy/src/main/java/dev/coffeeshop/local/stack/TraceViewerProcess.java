package dev.coffeeshop.local.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The local stack's trace viewer: Zipkin's own server ({@code io.zipkin:zipkin-server}, its runnable jar, which the
 * deploy module's build copies to {@code deploy/target/trace-viewer}), keeping spans in memory. The services send
 * their spans to its {@code /api/v2/spans}; people open its UI, tests and the demo read its API.
 */
final class TraceViewerProcess implements AutoCloseable {

    static final String NAME = "trace-viewer";
    private static final Duration STOP_GRACE = Duration.ofSeconds(10);

    /** Small and quick to start: it holds the spans of a development stack, not a production's. */
    private static final List<String> JVM_OPTIONS =
            List.of("-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xss512k");

    private final ChildProcess process;
    private final URI baseUrl;

    private TraceViewerProcess(ChildProcess process, URI baseUrl) {
        this.process = process;
        this.baseUrl = baseUrl;
    }

    static Path jar(Path projectRoot) {
        return projectRoot
                .resolve("deploy")
                .resolve("target")
                .resolve("trace-viewer")
                .resolve("zipkin-server.jar");
    }

    static TraceViewerProcess start(StackSettings settings) {
        Path jar = jar(settings.projectRoot());
        if (!Files.isRegularFile(jar)) {
            throw new StackStartupException("No trace viewer at " + jar
                    + "; build the deploy module: ./mvnw -q -pl deploy -DskipTests package");
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
        command.addAll(JVM_OPTIONS);
        command.addAll(JavaCommand.quietOptions());
        command.addAll(List.of("-jar", jar.toString()));
        var environment = Map.of(
                "QUERY_PORT", Integer.toString(settings.traceViewerPort()),
                "STORAGE_TYPE", "mem",
                // a development stack's spans: enough for hours of the demo, bounded all the same
                "MEM_MAX_SPANS", "200000");
        var process = ChildProcess.start(NAME, command, environment, settings.projectRoot(), log);
        return new TraceViewerProcess(process, URI.create("http://localhost:" + settings.traceViewerPort()));
    }

    /** Waits for Zipkin's health UP; fails at once if the process dies, showing its log's end. */
    void awaitHealthy(Duration timeout) {
        Health.await(NAME, process, baseUrl.resolve("/health"), timeout);
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
