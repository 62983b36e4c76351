package dev.coffeeshop.local.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One service as its own JVM ({@code java -jar}), configured only through its environment. */
final class ServiceProcess implements AutoCloseable {

    private static final Duration STOP_GRACE = Duration.ofSeconds(40);

    private final Service service;
    private final ChildProcess process;
    private final URI baseUrl;
    private final URI managementUrl;

    private ServiceProcess(Service service, ChildProcess process, URI baseUrl, URI managementUrl) {
        this.service = service;
        this.process = process;
        this.baseUrl = baseUrl;
        this.managementUrl = managementUrl;
    }

    /**
     * The environment a service reads (see each service's application.yml and README's configuration table), extras
     * first so that they can add settings but not replace these.
     */
    static Map<String, String> environment(
            int port,
            int managementPort,
            String kafkaBootstrapServers,
            DatabaseConnection database,
            URI issuer,
            Map<String, String> extras) {
        return environment(port, managementPort, kafkaBootstrapServers, Map.of(), database, issuer, extras);
    }

    /** As above, with the service's Kafka credentials ({@code KAFKA_USERNAME}, {@code KAFKA_PASSWORD}) when it has any. */
    static Map<String, String> environment(
            int port,
            int managementPort,
            String kafkaBootstrapServers,
            Map<String, String> kafkaCredentials,
            DatabaseConnection database,
            URI issuer,
            Map<String, String> extras) {
        var environment = new LinkedHashMap<String, String>(extras);
        environment.put("SERVER_PORT", Integer.toString(port));
        environment.put("MANAGEMENT_SERVER_PORT", Integer.toString(managementPort));
        environment.put("COFFEESHOP_SECURITY_ISSUER", issuer.toString());
        environment.put("KAFKA_BOOTSTRAP_SERVERS", kafkaBootstrapServers);
        environment.putAll(kafkaCredentials);
        environment.put("DATABASE_URL", database.url());
        environment.put("DATABASE_USERNAME", database.username());
        environment.put("DATABASE_PASSWORD", database.password());
        return environment;
    }

    static ServiceProcess start(
            Service service,
            StackSettings settings,
            String kafkaBootstrapServers,
            Map<String, String> kafkaCredentials,
            DatabaseConnection database) {
        return start(service, settings, kafkaBootstrapServers, kafkaCredentials, database, true);
    }

    /** As above; {@code freshLog} false appends to the log of an earlier run (a restart) instead of replacing it. */
    static ServiceProcess start(
            Service service,
            StackSettings settings,
            String kafkaBootstrapServers,
            Map<String, String> kafkaCredentials,
            DatabaseConnection database,
            boolean freshLog) {
        Path jar = service.jar(settings.projectRoot());
        if (!Files.isRegularFile(jar)) {
            throw new StackStartupException("No jar for " + service.moduleName() + " at " + jar
                    + "; build it: ./mvnw -q -pl " + service.moduleName() + " -DskipTests package");
        }
        Path log = settings.log(service.moduleName());
        try {
            Files.createDirectories(log.getParent());
            if (freshLog) {
                Files.deleteIfExists(log);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> command = new ArrayList<>();
        command.add(JavaCommand.executable());
        command.addAll(settings.serviceJvmOptions());
        command.addAll(JavaCommand.quietOptions());
        if (settings.aotCaches() && AotCache.supported(Runtime.version().feature())) {
            command.addAll(AotCache.command(
                    jar, settings.dataDirectory().resolve("aot").resolve(service.moduleName()), log));
        } else {
            command.addAll(List.of("-jar", jar.toString()));
        }
        var process = ChildProcess.start(
                service.moduleName(),
                command,
                environment(
                        settings.port(service),
                        settings.managementPort(service),
                        kafkaBootstrapServers,
                        kafkaCredentials,
                        database,
                        settings.identity().issuer(),
                        service == Service.ORDER_INTAKE ? withOperatorPage(settings) : settings.serviceEnvironment()),
                settings.projectRoot(),
                log);
        return new ServiceProcess(
                service,
                process,
                URI.create("http://localhost:" + settings.port(service)),
                URI.create("http://localhost:" + settings.managementPort(service)));
    }

    /**
     * order-intake's environment with what its operator's order page needs of this stack (docs/operations.md): the
     * other two services' addresses, and the link to an order's trace in the stack's trace viewer, if it has one. The
     * user's own {@code COFFEESHOP_OPERATOR_*} settings win.
     */
    static Map<String, String> withOperatorPage(StackSettings settings) {
        var environment = new LinkedHashMap<String, String>();
        environment.put(
                "COFFEESHOP_OPERATOR_BARISTAWORKERURL", "http://localhost:" + settings.port(Service.BARISTA_WORKER));
        environment.put(
                "COFFEESHOP_OPERATOR_NOTIFICATIONSERVICEURL",
                "http://localhost:" + settings.port(Service.NOTIFICATION_SERVICE));
        if (settings.startsTraceViewer()) {
            // Zipkin's search for the order's tag (TraceCheck reads the same through the API)
            environment.put(
                    "COFFEESHOP_OPERATOR_TRACEVIEWERURL",
                    "http://localhost:" + settings.traceViewerPort()
                            + "/zipkin/?annotationQuery=order.id%3D{orderId}&lookback=7d&endTs={endTs}&limit=10");
        }
        environment.putAll(settings.serviceEnvironment());
        return environment;
    }

    /** Waits for health UP; fails at once if the process dies, naming the service and showing its log's end. */
    void awaitHealthy(Duration timeout) {
        Health.await(service.moduleName(), process, managementUrl.resolve("/actuator/health"), timeout);
    }

    Service service() {
        return service;
    }

    URI baseUrl() {
        return baseUrl;
    }

    URI managementUrl() {
        return managementUrl;
    }

    ChildProcess process() {
        return process;
    }

    @Override
    public void close() {
        process.stop(STOP_GRACE);
    }
}
